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
  applyReasonCopy,
} from '../../db/reasons';
import type { Reason } from '../../domain/reasons';
import { can } from '../../auth/roles';
import { planReasonCopy, type ReasonCopyMode } from '../../domain/reason-copy';
import { fill, messages } from '../../i18n';
import { DEFAULT_REASONS } from '../../domain/complaints';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { ReasonLocationsPage, ReasonsPage, type ReasonFormState } from '../../views/complaint-reasons';

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

async function show(
  c: Context<AppEnv>,
  location: { id: number; name: string },
  failed?: ReasonFormState,
  options: { copyError?: string; notice?: string } = {},
) {
  const t = messages(c.get('locale')).complaintsAdmin;
  await ensureDefaultReasons(
    c.env.DB,
    location.id,
    DEFAULT_REASONS.map((r) => r.ru),
    Date.now(),
  );
  const [reasons, locations] = await Promise.all([listReasons(c.env.DB, location.id), listLocations(c.env.DB)]);
  const others = locations.filter((l) => l.archivedAt === null && l.id !== location.id).length;
  const copied = c.req.query('copied');
  const notice =
    options.notice ??
    (copied === 'replace' || copied === 'merge'
      ? fill(messages(c.get('locale')).reasonCopy[copied === 'replace' ? 'copiedReplace' : 'copiedMerge'], {
          count: Number(c.req.query('count') ?? 0) || 0,
        })
      : undefined);
  c.status(failed || options.copyError ? 400 : 200);
  return c.render(
    <ReasonsPage
      rc={messages(c.get('locale')).reasonCopy}
      location={location}
      reasons={reasons}
      saved={c.req.query('saved') === '1'}
      notice={notice}
      failed={failed}
      copy={can(c.get('actor')!.role, 'locationWrites') ? { others, error: options.copyError } : null}
    />,
    { title: t.reasons.title, current: CURRENT },
  );
}

/** A label's error, or null when it may be saved. */
async function checkLabel(
  c: Context<AppEnv>,
  locationId: number,
  label: string,
  exceptId: number | null,
): Promise<string | null> {
  const errors = messages(c.get('locale')).complaintsAdmin.reasons.errors;
  if (label.length < 2 || label.length > 80) return errors.label;
  const taken = (await listReasons(c.env.DB, locationId)).some(
    (r) =>
      r.archivedAt === null && r.id !== exceptId && r.label.toLocaleLowerCase('ru') === label.toLocaleLowerCase('ru'),
  );
  return taken ? errors.duplicate : null;
}

async function labelsOf(c: Context<AppEnv>): Promise<{ label: string; labelEn: string }> {
  const body = await c.req.parseBody();
  const clean = (value: unknown) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : '');
  return { label: clean(body.label), labelEn: clean(body.labelEn) };
}

/** The English label's error (it is optional), or null. */
function checkLabelEn(c: Context<AppEnv>, labelEn: string): string | null {
  return labelEn === '' || (labelEn.length >= 2 && labelEn.length <= 80)
    ? null
    : messages(c.get('locale')).reasonCopy.labelEnError;
}

const done = (c: Context<AppEnv>, locationId: number) => c.redirect(`/admin/reasons/${locationId}?saved=1`, 303);

reasonRoutes.get('/', async (c) => {
  const t = messages(c.get('locale')).complaintsAdmin;
  const locations = (await listLocations(c.env.DB)).filter((l) => l.archivedAt === null);
  if (locations.length === 1) return c.redirect(`/admin/reasons/${locations[0]!.id}`, 302);
  return c.render(<ReasonLocationsPage locations={locations} />, { title: t.reasons.title, current: CURRENT });
});

reasonRoutes.get('/:locationId', async (c) => show(c, await loadLocation(c)));

reasonRoutes.post('/:locationId/add', async (c) => {
  const location = await loadLocation(c);
  const { label, labelEn } = await labelsOf(c);
  const error = (await checkLabel(c, location.id, label, null)) ?? checkLabelEn(c, labelEn);
  if (error) return show(c, location, { target: 'new', label, labelEn, error });
  await insertReason(c.env.DB, location.id, label, Date.now(), labelEn || null);
  return done(c, location.id);
});

reasonRoutes.post('/:locationId/:reasonId/rename', async (c) => {
  const location = await loadLocation(c);
  const reason = await loadReason(c, location.id);
  const { label, labelEn } = await labelsOf(c);
  const error = (await checkLabel(c, location.id, label, reason.id)) ?? checkLabelEn(c, labelEn);
  if (error) return show(c, location, { target: reason.id, label, labelEn, error });
  await renameReason(c.env.DB, reason.id, label, labelEn || null);
  return done(c, location.id);
});

/**
 * "Скопировать во все точки" (owners): this location's active reasons go to every other active
 * location, replacing theirs or adding the missing ones; the form must say which and be confirmed.
 */
reasonRoutes.post('/:locationId/copy', requirePermission('locationWrites'), async (c) => {
  const rc = messages(c.get('locale')).reasonCopy;
  const location = await loadLocation(c);
  const body = await c.req.parseBody();
  const mode: ReasonCopyMode | null = body.mode === 'replace' || body.mode === 'merge' ? body.mode : null;
  if (!mode) return show(c, location, undefined, { copyError: rc.modeRequired });
  if (body.confirm !== '1') return show(c, location, undefined, { copyError: rc.confirmRequired });
  const now = Date.now();
  const source = (await listReasons(c.env.DB, location.id))
    .filter((r) => r.archivedAt === null)
    .map((r) => ({ label: r.label, labelEn: r.labelEn, catchAll: r.catchAll }));
  const targets = (await listLocations(c.env.DB)).filter((l) => l.archivedAt === null && l.id !== location.id);
  if (targets.length === 0) return show(c, location, undefined, { copyError: rc.noOthers });
  for (const target of targets) {
    // A location that never had reasons gets the defaults first: those are what its customers see.
    await ensureDefaultReasons(
      c.env.DB,
      target.id,
      DEFAULT_REASONS.map((r) => r.ru),
      now,
    );
    const current = (await listReasons(c.env.DB, target.id)).map((r) => ({
      id: r.id,
      label: r.label,
      labelEn: r.labelEn,
      catchAll: r.catchAll,
      position: r.position,
      archived: r.archivedAt !== null,
      complaints: r.complaints,
    }));
    await applyReasonCopy(c.env.DB, target.id, planReasonCopy(source, current, mode), now);
  }
  return c.redirect(`/admin/reasons/${location.id}?copied=${mode}&count=${targets.length}`, 303);
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
  return show(c, location, {
    target: reason.id,
    label: reason.label,
    labelEn: reason.labelEn ?? '',
    error: messages(c.get('locale')).complaintsAdmin.reasons.errors.lastReason,
  });
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
