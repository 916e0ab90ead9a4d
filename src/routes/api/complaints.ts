import type { Context } from 'hono';
import { requirePermission } from '../../auth/middleware';
import { addNote, changeStatus, getComplaint, listComplaints } from '../../db/complaints';
import { statusChange, type Complaint } from '../../domain/complaints';
import { getLocation, getLocationBySlug, ownerTimeZone } from '../../db/locations';
import { complaintPatchSchema, complaintQuerySchema, parseMoment } from '../../domain/complaint-api';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { getSettings } from '../../db/settings';
import { publicOriginOf } from '../../services/complaint-intake';
import { saveReply } from '../../services/complaint-reply';
import { deliveryPolicy, sendNow } from '../../services/notify';
import { apiApp, createRoute, jsonBody, pathParams, routeDoc } from './openapi';

/** Complaints for CRMs: read them with filters, and record status changes and notes. */
export const complaintsApi = apiApp();
complaintsApi.use('*', requirePermission('complaints'));

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

/** The API's view of a complaint. The raw contact appears only where it is stored ("store" mode). */
export function complaintJson(c: Complaint) {
  return {
    id: c.id,
    code: c.code,
    location: c.locationSlug,
    locationName: c.locationName,
    batch: c.batchId,
    orderRef: c.orderRef,
    reason: c.reason,
    reasonId: c.reasonId,
    comment: c.comment,
    contact: c.contact,
    contactMasked: c.contactMasked,
    status: c.status,
    createdAt: iso(c.createdAt),
    dueAt: iso(c.dueAt),
    firstResponseAt: iso(c.firstResponseAt),
    resolvedAt: iso(c.resolvedAt),
    compensation: c.compensationKind ? { kind: c.compensationKind, amount: c.compensationAmount } : null,
    reply: c.reply,
    repliedAt: iso(c.repliedAt),
  };
}

const EXAMPLE = {
  id: 'Xf3k9PzQ2mL7vB1c',
  code: '7K3M9Q2XWD',
  location: 'demo',
  locationName: 'Пекарня «Колобок»',
  batch: 'b_7K3M9Q',
  orderRef: 'A-1001',
  reason: 'Опоздали с доставкой',
  reasonId: 1,
  comment: 'Курьер опоздал на 40 минут',
  contact: '+79991234512',
  contactMasked: '+7 *** ***-**-12',
  status: 'contacted',
  createdAt: '2026-11-23T09:15:00.000Z',
  dueAt: '2026-11-23T10:15:00.000Z',
  firstResponseAt: '2026-11-23T09:40:00.000Z',
  resolvedAt: null,
  compensation: null,
  reply: 'Извините, курьер опоздал; мы вернули доставку в ваш следующий заказ.',
  repliedAt: '2026-11-23T09:45:00.000Z',
};

async function locationOf(c: Context<AppEnv>, value: string) {
  const location = /^\d{1,9}$/.test(value)
    ? await getLocation(c.env.DB, Number(value))
    : await getLocationBySlug(c.env.DB, value);
  if (!location) throw new AppError(422, `no location "${value}"`, 'location');
  return location;
}

const listRoute = createRoute({
  method: 'get',
  path: '/',
  request: { query: complaintQuerySchema },
  ...routeDoc({
    permission: 'complaints',
    summary: 'List complaints',
    description:
      'Newest first. `contact` is the raw contact only when the deployment stores contacts; `contactMasked` always when one was left.',
    example: { complaints: [EXAMPLE] },
  }),
});

complaintsApi.openapi(listRoute, async (c) => {
  const q = c.req.valid('query');
  const location = q.location ? await locationOf(c, q.location) : null;
  // Days are the location's, or the owner's for all locations, as on the Support Index.
  const zone = location?.timeZone ?? (await ownerTimeZone(c.env.DB));
  const complaints = await listComplaints(c.env.DB, {
    status: q.status,
    reasonId: q.reason && /^\d{1,9}$/.test(q.reason) ? Number(q.reason) : undefined,
    reasonLabel: q.reason && !/^\d{1,9}$/.test(q.reason) ? q.reason : undefined,
    locationId: location?.id,
    from: q.from ? parseMoment(q.from, 'start', zone)! : undefined,
    to: q.to ? parseMoment(q.to, 'end', zone)! : undefined,
    limit: q.limit ? Number(q.limit) : 100,
  });
  return c.json({ complaints: complaints.map(complaintJson) });
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  request: { params: pathParams('id'), body: jsonBody(complaintPatchSchema) },
  ...routeDoc({
    permission: 'complaints',
    body: 'json',
    summary: 'Change a complaint’s status, add a note, publish a reply',
    description:
      'Status "contacted" or "resolved" sets the first response time if it is not set yet; "resolved" may carry the compensation given. `reply` publishes a public reply (trimmed, at most 1000 characters): whoever holds the card reads it, with its time, on the card’s complaint page, and nothing the customer typed is shown with it. A new text replaces the reply and keeps `repliedAt`; "" or null removes it. Each change is recorded in the complaint’s timeline with the token’s name; a reply change sends `complaint.updated` to the webhook.',
    example: {
      ...EXAMPLE,
      status: 'resolved',
      resolvedAt: '2026-11-23T10:05:00.000Z',
      compensation: { kind: 'discount', amount: 300 },
    },
  }),
});

complaintsApi.openapi(patchRoute, async (c) => {
  const id = c.req.param('id');
  const complaint = /^[\w-]{8,32}$/.test(id) ? await getComplaint(c.env.DB, id) : null;
  if (!complaint) throw new AppError(404, 'no such complaint', 'id');
  const patch = c.req.valid('json');
  const actor = c.get('actor')!.label;
  const now = Date.now();
  if (patch.note) await addNote(c.env.DB, complaint.id, patch.note, actor, now);
  if (patch.reply !== undefined) {
    const settings = await getSettings(c.env.DB);
    const saved = await saveReply(
      c.env.DB,
      complaint,
      patch.reply || null,
      actor,
      settings,
      publicOriginOf(c.env, c.req.url),
      now,
    );
    if (saved.outgoing.length > 0) {
      c.executionCtx.waitUntil(
        sendNow(c.env.DB, settings, deliveryPolicy(c.env, c.req.url), saved.outgoing, now).catch((e) =>
          console.error('notification send failed', e),
        ),
      );
    }
  }
  const status = patch.status;
  if (status && (status !== complaint.status || patch.compensation)) {
    const kind = status === 'open' ? 'reopened' : status;
    const compensation = patch.compensation
      ? { kind: patch.compensation.kind, amount: patch.compensation.amount ?? null }
      : undefined;
    await changeStatus(
      c.env.DB,
      complaint.id,
      { ...statusChange(complaint, status, now), compensation },
      { kind, note: null, actor },
      now,
    );
  }
  return c.json(complaintJson((await getComplaint(c.env.DB, complaint.id))!));
});
