import { Hono, type Context } from 'hono';
import { requirePermission } from '../../auth/middleware';
import { getLocation } from '../../db/locations';
import { DEFAULT_TIME_ZONE } from '../../domain/time';
import { eraseComplaintPersonalData, getComplaintRow, listEventRows, listNotificationRows } from '../../db/privacy';
import { field } from '../../domain/account-forms';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { PrivacyPage, type PrivacySummary } from '../../views/accounts-privacy';
import { messages } from '../../i18n';

/**
 * `/admin/privacy/complaints/<id>`: everything stored about one complaint, as a JSON download,
 * and erasure of its personal data (a customer's request under 152-FZ).
 */
export const privacyRoutes = new Hono<AppEnv>();
privacyRoutes.use('*', requirePermission('complaints'));

const CURRENT = '/admin/complaints';

async function load(c: Context<AppEnv>) {
  const id = c.req.param('id') ?? '';
  const row = id.length <= 64 ? await getComplaintRow(c.env.DB, id) : null;
  if (!row) throw notFound('no such complaint');
  return { id, row };
}

async function show(c: Context<AppEnv>, options: { justErased?: boolean; error?: string; status?: 200 | 400 } = {}) {
  const { id, row } = await load(c);
  const events = await listEventRows(c.env.DB, id);
  const summary: PrivacySummary = {
    id,
    createdAt: Number(row.created_at),
    reason: String(row.reason_label ?? ''),
    hasContact: row.contact != null || row.contact_masked != null,
    hasComment: row.comment != null,
    hasVisitor: row.visitor != null,
    notes: events.filter((e) => e.note != null).length,
    erasedAt: row.personal_data_erased_at == null ? null : Number(row.personal_data_erased_at),
  };
  const a = messages(c.get('locale')).accounts;
  // The complaint's times in its location's zone, as everywhere else it is shown.
  const timeZone = (await getLocation(c.env.DB, Number(row.location_id)))?.timeZone ?? DEFAULT_TIME_ZONE;
  c.status(options.status ?? 200);
  return c.render(
    <PrivacyPage
      a={a}
      locale={c.get('locale')}
      timeZone={timeZone}
      summary={summary}
      justErased={options.justErased ?? false}
      error={options.error}
    />,
    { title: a.privacy.title, current: CURRENT },
  );
}

privacyRoutes.get('/complaints/:id', (c) => show(c, { justErased: c.req.query('erased') === '1' }));

privacyRoutes.get('/complaints/:id/export', async (c) => {
  const { id, row } = await load(c);
  const [events, notifications] = await Promise.all([listEventRows(c.env.DB, id), listNotificationRows(c.env.DB, id)]);
  const document = { exportedAt: new Date().toISOString(), complaint: row, events, notifications };
  return new Response(JSON.stringify(document, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="complaint-${id.replace(/[^A-Za-z0-9_-]/g, '')}.json"`,
      'cache-control': 'private, no-store',
    },
  });
});

privacyRoutes.post('/complaints/:id/erase', async (c) => {
  const { id } = await load(c);
  if (field(await c.req.parseBody(), 'confirm', 10) !== 'yes') {
    return show(c, { error: messages(c.get('locale')).accounts.privacy.confirmRequired, status: 400 });
  }
  await eraseComplaintPersonalData(c.env.DB, id, c.get('actor')!.label, Date.now());
  return c.redirect(`/admin/privacy/complaints/${encodeURIComponent(id)}?erased=1`, 303);
});
