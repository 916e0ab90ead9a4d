import { Hono, type Context } from 'hono';
import { requirePermission } from '../../auth/middleware';
import { getLocation, listLocations } from '../../db/locations';
import {
  deleteUnusedReason,
  ensureDefaultReasons,
  getReason,
  insertReason,
  listReasons,
  renameReason,
  reorderReasons,
  setReasonArchived,
  setReasonCatchAll,
} from '../../db/reasons';
import type { Reason } from '../../domain/reasons';
import { DEFAULT_REASONS } from '../../domain/complaints';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { complaintsAdmin } from '../../i18n/complaints-admin';
import { ReasonLocationsPage, ReasonsPage, type ReasonFormState } from '../../views/complaint-reasons';
import { renderPage } from '../../views/render';

/** Each location's complaint reasons: add, rename, reorder, archive (used ones) or delete (unused). */
export const reasonRoutes = new Hono<AppEnv>();
reasonRoutes.use('*', requirePermission('locations'));

const CURRENT = '/admin/locations';

function positiveId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw notFound('no such item');
  return id;
}

async function loadLocation(c: Context<AppEnv>) {
  const location = await getLocation(c.env.DB, positiveId(c.req.param('locationId')));
  if (!location) throw notFound('no such location');
  return location;
}

async function loadReason(c: Context<AppEnv>, locationId: number): Promise<Reason> {
  const reason = await getReason(c.env.DB, positiveId(c.req.param('reasonId')));
  if (!reason || reason.locationId !== locationId) throw notFound('no such reason');
  return reason;
}

async function show(c: Context<AppEnv>, location: { id: number; name: string }, failed?: ReasonFormState) {
  const t = complaintsAdmin[c.get('locale')];
  await ensureDefaultReasons(c.env.DB, location.id, DEFAULT_REASONS.map((r) => r.ru), Date.now());
  const reasons = await listReasons(c.env.DB, location.id);
  return renderPage(
    c,
    t.reasons.title,
    <ReasonsPage t={t} location={location} reasons={reasons} csrfToken={c.get('csrfToken')} saved={c.req.query('saved') === '1'} failed={failed} />,
    { status: failed ? 400 : 200, current: CURRENT },
  );
}

/** A label's error, or null when it may be saved. */
async function checkLabel(c: Context<AppEnv>, locationId: number, label: string, exceptId: number | null): Promise<string | null> {
  const errors = complaintsAdmin[c.get('locale')].reasons.errors;
  if (label.length < 2 || label.length > 80) return errors.label;
  const taken = (await listReasons(c.env.DB, locationId)).some(
    (r) => r.archivedAt === null && r.id !== exceptId && r.label.toLocaleLowerCase('ru') === label.toLocaleLowerCase('ru'),
  );
  return taken ? errors.duplicate : null;
}

async function labelOf(c: Context<AppEnv>): Promise<string> {
  const body = await c.req.parseBody();
  return typeof body.label === 'string' ? body.label.trim().replace(/\s+/g, ' ') : '';
}

const done = (c: Context<AppEnv>, locationId: number) => c.redirect(`/admin/reasons/${locationId}?saved=1`, 303);

reasonRoutes.get('/', async (c) => {
  const t = complaintsAdmin[c.get('locale')];
  const locations = (await listLocations(c.env.DB)).filter((l) => l.archivedAt === null);
  if (locations.length === 1) return c.redirect(`/admin/reasons/${locations[0]!.id}`, 302);
  return renderPage(c, t.reasons.title, <ReasonLocationsPage t={t} locations={locations} />, { current: CURRENT });
});

reasonRoutes.get('/:locationId', async (c) => show(c, await loadLocation(c)));

reasonRoutes.post('/:locationId/add', async (c) => {
  const location = await loadLocation(c);
  const label = await labelOf(c);
  const error = await checkLabel(c, location.id, label, null);
  if (error) return show(c, location, { target: 'new', label, error });
  await insertReason(c.env.DB, location.id, label, Date.now());
  return done(c, location.id);
});

reasonRoutes.post('/:locationId/:reasonId/rename', async (c) => {
  const location = await loadLocation(c);
  const reason = await loadReason(c, location.id);
  const label = await labelOf(c);
  const error = await checkLabel(c, location.id, label, reason.id);
  if (error) return show(c, location, { target: reason.id, label, error });
  await renameReason(c.env.DB, reason.id, label);
  return done(c, location.id);
});

reasonRoutes.post('/:locationId/:reasonId/move', async (c) => {
  const location = await loadLocation(c);
  const reason = await loadReason(c, location.id);
  const active = (await listReasons(c.env.DB, location.id)).filter((r) => r.archivedAt === null).map((r) => r.id);
  const from = active.indexOf(reason.id);
  const to = from + (c.req.query('direction') === 'up' ? -1 : 1);
  if (from >= 0 && to >= 0 && to < active.length) {
    [active[from], active[to]] = [active[to]!, active[from]!];
    await reorderReasons(c.env.DB, location.id, active);
  }
  return done(c, location.id);
});

/** The complaint page must keep at least one button: the last active reason stays, and the page says why. */
async function refuseLastReason(c: Context<AppEnv>, location: { id: number; name: string }, reason: Reason) {
  const active = (await listReasons(c.env.DB, location.id)).filter((r) => r.archivedAt === null);
  if (reason.archivedAt !== null || active.some((r) => r.id !== reason.id)) return null;
  return show(c, location, { target: reason.id, label: reason.label, error: complaintsAdmin[c.get('locale')].reasons.errors.lastReason });
}

reasonRoutes.post('/:locationId/:reasonId/archive', async (c) => {
  const location = await loadLocation(c);
  const reason = await loadReason(c, location.id);
  const refused = await refuseLastReason(c, location, reason);
  if (refused) return refused;
  await setReasonArchived(c.env.DB, reason.id, Date.now());
  return done(c, location.id);
});

reasonRoutes.post('/:locationId/:reasonId/restore', async (c) => {
  const location = await loadLocation(c);
  const reason = await loadReason(c, location.id);
  await setReasonArchived(c.env.DB, reason.id, null);
  return done(c, location.id);
});

/** A catch-all reason stays on the complaint page and in the figures, but is never a top-3 cause. */
reasonRoutes.post('/:locationId/:reasonId/catch-all', async (c) => {
  const location = await loadLocation(c);
  const reason = await loadReason(c, location.id);
  const body = await c.req.parseBody();
  await setReasonCatchAll(c.env.DB, reason.id, body.catchAll === '1');
  return done(c, location.id);
});

/** Only a reason no complaint names is deleted; one that has complaints is archived instead. */
reasonRoutes.post('/:locationId/:reasonId/delete', async (c) => {
  const location = await loadLocation(c);
  const reason = await loadReason(c, location.id);
  const refused = await refuseLastReason(c, location, reason);
  if (refused) return refused;
  if (!(await deleteUnusedReason(c.env.DB, reason.id))) await setReasonArchived(c.env.DB, reason.id, Date.now());
  return done(c, location.id);
});
