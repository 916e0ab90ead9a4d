import { Hono, type Context } from 'hono';
import { requirePermission } from '../../auth/middleware';
import {
  addNote,
  changeStatus,
  countComplaints,
  countOpenComplaints,
  firstResponses,
  getComplaint,
  listComplaints,
  listEvents,
  nextOpenComplaint,
  type ComplaintFilters,
} from '../../db/complaints';
import { batchChoice, batchesWithComplaints, namesByEmail } from '../../db/inbox';
import { listLocations, locationSchedules, ownerTimeZone } from '../../db/locations';
import { countNotificationProblems, listNotificationsOfComplaint } from '../../db/notifications';
import { listReasonLabels } from '../../db/reasons';
import { getSettings } from '../../db/settings';
import {
  COMPENSATION_KINDS,
  COMPLAINT_STATUSES,
  isOverdue,
  median,
  statusChange,
  waitingMs,
  workingWaitMs,
  type Complaint,
  type CompensationKind,
  type ComplaintStatus,
} from '../../domain/complaints';
import { addDays, dayOf, dayStart, parsePeriod } from '../../domain/period';
import { DEFAULT_TIME_ZONE } from '../../domain/time';
import { alwaysOpen } from '../../domain/working-time';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { fill, messages } from '../../i18n';
import { formatTarget } from '../../views/complaint-public';
import { batchName } from '../../views/batch-name';
import { formatMoment } from '../../views/format';
import { inboxQuery, InboxPage, PERIOD_DAYS, type InboxFilterValues, type PeriodDays } from '../../views/inbox';
import {
  ComplaintPage,
  type ActionErrors,
  type ActionValues,
  type ComplaintPageProps,
} from '../../views/inbox-complaint';
import { REPLY_FILL_SCRIPT, type ReplyFormState } from '../../views/complaint-reply';
import { listReplyTemplates } from '../../db/reply-templates';
import { normaliseReply, replyProblem, REPLY_CHARS } from '../../domain/complaint-reply';
import { publicOriginOf } from '../../services/complaint-intake';
import { saveReply } from '../../services/complaint-reply';
import { deliveryPolicy, sendNow } from '../../services/notify';

/** The owner's inbox: who is waiting and for how long, each complaint's page and its actions. */
export const inboxRoutes = new Hono<AppEnv>();
inboxRoutes.use('*', requirePermission('complaints'));

const CURRENT = '/admin/complaints';
const PAGE_SIZE = 50;
const NOTE_CHARS = 2000;

/** The inbox's filters from the query: open complaints of the last 30 days unless it says otherwise. */
function readFilters(c: Context<AppEnv>): InboxFilterValues {
  const q = (key: string) => (c.req.query(key) ?? '').trim();
  const status = q('status');
  const period = q('period');
  return {
    status:
      status === 'all'
        ? 'all'
        : (COMPLAINT_STATUSES as readonly string[]).includes(status)
          ? (status as ComplaintStatus)
          : 'open',
    reason: q('reason').slice(0, 200),
    location: /^\d{1,9}$/.test(q('location')) ? q('location') : '',
    batch: /^[\w-]{1,40}$/.test(q('batch')) ? q('batch') : '',
    period: (PERIOD_DAYS as readonly string[]).includes(period) ? (period as PeriodDays) : '30',
    overdue: q('overdue') === '1',
  };
}

/**
 * The period's calendar days in the zone of the filtered location, or the owner's zone for all
 * locations: the same days as the Support Index page's "30 дней" (domain/period.ts), as times.
 */
async function periodRange(
  c: Context<AppEnv>,
  filters: InboxFilterValues,
  zones: Map<number, string>,
  now: number,
): Promise<{ from: number; to: number }> {
  const zone = (filters.location && zones.get(Number(filters.location))) || (await ownerTimeZone(c.env.DB));
  const today = dayOf(now, zone);
  const { period } =
    filters.period === '1'
      ? parsePeriod({ period: 'custom', from: addDays(today, -1), to: today }, now, zone)
      : parsePeriod({ period: `${filters.period}d` }, now, zone);
  return { from: dayStart(period.from, zone), to: dayStart(addDays(period.to, 1), zone) };
}

/** The filters as the complaints query takes them. */
function complaintFilters(
  filters: InboxFilterValues,
  range: { from: number; to: number },
  now: number,
): ComplaintFilters {
  return {
    status: filters.status === 'all' ? undefined : filters.status,
    reasonLabel: filters.reason || undefined,
    locationId: filters.location ? Number(filters.location) : undefined,
    batchId: filters.batch || undefined,
    from: range.from,
    to: range.to,
    overdueAt: filters.overdue ? now : undefined,
  };
}

async function locationZones(c: Context<AppEnv>) {
  const locations = await listLocations(c.env.DB);
  return { locations, zones: new Map(locations.map((l) => [l.id, l.timeZone])) };
}

inboxRoutes.get('/', async (c) => {
  const locale = c.get('locale');
  const t = messages(locale).complaintsAdmin;
  const db = c.env.DB;
  const now = Date.now();
  const filters = readFilters(c);
  const page = Math.min(Math.max(Number.parseInt(c.req.query('page') ?? '1', 10) || 1, 1), 10_000);
  const [settings, { locations, zones }] = await Promise.all([getSettings(db), locationZones(c)]);
  const target = settings.responseTargetMinutes;
  const range = await periodRange(c, filters, zones, now);
  const where = complaintFilters(filters, range, now);
  const [complaints, total, reasons, answered, counts, problems, schedules, batches, chosenBatch] = await Promise.all([
    listComplaints(db, { ...where, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    countComplaints(db, where),
    listReasonLabels(db),
    firstResponses(db, range.from, Math.min(range.to, now + 1), where.locationId ?? null),
    countOpenComplaints(db, now),
    countNotificationProblems(db),
    locationSchedules(db),
    batchesWithComplaints(db),
    filters.batch ? batchChoice(db, filters.batch) : Promise.resolve(null),
  ]);
  // A batch named in the link is offered even when it has no complaints (or is older than the list).
  const batchChoices =
    chosenBatch && !batches.some((b) => b.id === chosenBatch.id) ? [chosenBatch, ...batches] : batches;
  // Waiting and the median run in each location's working time; the plain median stays on show.
  const scheduleOf = (id: number) => schedules.get(id) ?? alwaysOpen(DEFAULT_TIME_ZONE);
  const rows = complaints.map((complaint) => ({
    complaint,
    waitingMs: workingWaitMs(complaint, scheduleOf(complaint.locationId), now),
    overdue: isOverdue(complaint, target, now),
  }));
  const workingDurations = answered.map((a) =>
    workingWaitMs(
      { status: 'contacted', createdAt: a.createdAt, firstResponseAt: a.firstResponseAt },
      scheduleOf(a.locationId),
      now,
    ),
  );
  return c.render(
    <InboxPage
      locale={locale}
      target={formatTarget(target, messages(locale).complaints, locale)}
      filters={filters}
      locations={locations
        .filter((l) => l.archivedAt === null || filters.location === String(l.id))
        .map((l) => ({ id: l.id, name: l.name }))}
      reasons={reasons}
      rows={rows}
      batches={batchChoices}
      total={total}
      page={page}
      pages={Math.max(1, Math.ceil(total / PAGE_SIZE))}
      openCount={counts.open}
      overdueCount={counts.overdue}
      medianMs={median(workingDurations)}
      medianRawMs={median(answered.map((a) => a.firstResponseAt - a.createdAt))}
      notificationProblems={problems}
    />,
    { title: t.inbox.title, current: CURRENT },
  );
});

async function loadComplaint(c: Context<AppEnv>): Promise<Complaint> {
  const id = c.req.param('id') ?? '';
  const complaint = /^[\w-]{8,32}$/.test(id) ? await getComplaint(c.env.DB, id) : null;
  if (!complaint) throw notFound('no such complaint');
  return complaint;
}

/** The public reply's part of a complaint's page: the location's templates and what the reply box holds. */
async function replyPanelOf(c: Context<AppEnv>, complaint: Complaint, reply: ReplyFormState | undefined) {
  const replyTemplates = await listReplyTemplates(c.env.DB, complaint.locationId);
  // A template tapped without script comes back as ?template=<id> and fills the box.
  const picked = replyTemplates.find((tpl) => String(tpl.id) === c.req.query('template'));
  return { replyTemplates, replyForm: reply ?? { value: picked?.text ?? complaint.reply ?? '' } };
}

async function showComplaint(
  c: Context<AppEnv>,
  complaint: Complaint,
  form?: { name: ComplaintPageProps['form']; values: ActionValues; errors: ActionErrors },
  reply?: ReplyFormState,
) {
  const replyPanel = replyPanelOf(c, complaint, reply);
  const locale = c.get('locale');
  const t = messages(locale).complaintsAdmin;
  const now = Date.now();
  const filters = readFilters(c);
  const { zones } = await locationZones(c);
  const range = await periodRange(c, filters, zones, now);
  const [events, notifications, settings, nextOpenId, batch] = await Promise.all([
    listEvents(c.env.DB, complaint.id),
    listNotificationsOfComplaint(c.env.DB, complaint.id),
    getSettings(c.env.DB),
    nextOpenComplaint(c.env.DB, complaintFilters(filters, range, now), complaint),
    batchChoice(c.env.DB, complaint.batchId),
  ]);
  const names = await namesByEmail(
    c.env.DB,
    events.map((e) => e.actor),
  );
  c.status(form || reply ? 400 : 200);
  return c.render(
    <ComplaintPage
      locale={locale}
      complaint={complaint}
      events={events}
      actorNames={names}
      listQuery={inboxQuery(filters)}
      nextOpenId={nextOpenId}
      batchName={batch ? batchName(batch, locale) : complaint.batchId}
      notifications={notifications}
      waitingMs={waitingMs(complaint, now)}
      overdue={isOverdue(complaint, settings.responseTargetMinutes, now)}
      saved={c.req.query('saved') === '1'}
      form={form?.name}
      values={form?.values ?? { note: '', kind: 'none', amount: '' }}
      errors={form?.errors ?? {}}
      {...(await replyPanel)}
    />,
    {
      title: fill(t.complaint.title, { date: formatMoment(complaint.createdAt, locale, complaint.locationTimeZone) }),
      current: CURRENT,
    },
  );
}

inboxRoutes.get('/reply.js', (c) => {
  c.header('content-type', 'text/javascript; charset=utf-8');
  c.header('cache-control', 'private, max-age=3600');
  return c.body(REPLY_FILL_SCRIPT);
});

inboxRoutes.get('/:id', async (c) => showComplaint(c, await loadComplaint(c)));

async function formText(c: Context<AppEnv>, key: string): Promise<string> {
  const body = await c.req.parseBody();
  return typeof body[key] === 'string' ? (body[key] as string) : '';
}

/** Back to the complaint, saved, with the inbox's filters kept (its "next open complaint" follows them). */
const back = (c: Context<AppEnv>, complaint: Complaint) =>
  c.redirect(`/admin/complaints/${complaint.id}?saved=1&${inboxQuery(readFilters(c))}`, 303);

inboxRoutes.post('/:id/note', async (c) => {
  const complaint = await loadComplaint(c);
  const t = messages(c.get('locale')).complaintsAdmin.complaint;
  const note = (await formText(c, 'note')).trim();
  if (note === '' || note.length > NOTE_CHARS) {
    const error = note === '' ? t.errors.noteRequired : t.errors.noteTooLong;
    return showComplaint(c, complaint, {
      name: 'note',
      values: { note, kind: 'none', amount: '' },
      errors: { note: error },
    });
  }
  await addNote(c.env.DB, complaint.id, note, c.get('actor')!.label, Date.now());
  return back(c, complaint);
});

inboxRoutes.post('/:id/contacted', async (c) => {
  const complaint = await loadComplaint(c);
  const now = Date.now();
  await changeStatus(
    c.env.DB,
    complaint.id,
    statusChange(complaint, 'contacted', now),
    { kind: 'contacted', note: null, actor: c.get('actor')!.label },
    now,
  );
  return back(c, complaint);
});

inboxRoutes.post('/:id/resolved', async (c) => {
  const complaint = await loadComplaint(c);
  const t = messages(c.get('locale')).complaintsAdmin.complaint;
  const kind = await formText(c, 'kind');
  const amountText = (await formText(c, 'amount')).trim().replace(/\s/g, '').replace(',', '.');
  const amount = amountText === '' ? null : Number(amountText);
  const errors: ActionErrors = {};
  if (!(COMPENSATION_KINDS as readonly string[]).includes(kind)) errors.kind = t.errors.kind;
  if (amount !== null && (!/^\d+(\.\d{1,2})?$/.test(amountText) || amount > 10_000_000))
    errors.amount = t.errors.amount;
  if (Object.keys(errors).length > 0) {
    return showComplaint(c, complaint, {
      name: 'resolved',
      values: { note: '', kind, amount: await formText(c, 'amount') },
      errors,
    });
  }
  const now = Date.now();
  await changeStatus(
    c.env.DB,
    complaint.id,
    { ...statusChange(complaint, 'resolved', now), compensation: { kind: kind as CompensationKind, amount } },
    { kind: 'resolved', note: null, actor: c.get('actor')!.label },
    now,
  );
  return back(c, complaint);
});

inboxRoutes.post('/:id/reopen', async (c) => {
  const complaint = await loadComplaint(c);
  const now = Date.now();
  await changeStatus(
    c.env.DB,
    complaint.id,
    statusChange(complaint, 'open', now),
    { kind: 'reopened', note: null, actor: c.get('actor')!.label },
    now,
  );
  return back(c, complaint);
});

/** The public reply: publish, replace (its time stays) or remove it; the timeline records who. */
inboxRoutes.post('/:id/reply', async (c) => {
  const complaint = await loadComplaint(c);
  const r = messages(c.get('locale')).replies.admin;
  const body = await c.req.parseBody();
  const typed = typeof body.reply === 'string' ? body.reply : '';
  const remove = body.remove === '1';
  const reply = remove ? null : normaliseReply(typed);
  if (reply !== null) {
    const problem = replyProblem(reply);
    if (problem) {
      const error = fill(r.errors[problem], { count: REPLY_CHARS, length: [...reply].length });
      return showComplaint(c, complaint, undefined, { value: typed, error });
    }
  }
  const now = Date.now();
  const settings = await getSettings(c.env.DB);
  const saved = await saveReply(
    c.env.DB,
    complaint,
    reply,
    c.get('actor')!.label,
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
  return c.redirect(`/admin/complaints/${complaint.id}?saved=1#reply`, 303);
});
