import { forgetCardTargets } from './card-targets';
import { rebuildDailyStats } from './daily-stats';
import type { Platform } from '../domain/review-links';
import { DEFAULT_TIME_ZONE, zoneTransitions } from '../domain/time';
import { decodeHolidays, decodeHours, type WeeklyHours, type WorkingSchedule } from '../domain/working-time';
import type { ReviewLink, CardTextOverrides, Location, LocationWithLinks } from '../domain/locations';

interface LocationInput {
  slug: string;
  name: string;
  address: string;
  timeZone: string;
  handOutDays: number;
  cardTexts: CardTextOverrides;
  reviewLinks: { platform: Platform; url: string; isPrimary: boolean }[];
  /** absent or null: always open */
  hours?: WeeklyHours | null;
  holidays?: string[];
}

export interface LocationRow {
  id: number;
  slug: string;
  name: string;
  address: string;
  card_headline: string | null;
  card_review_caption: string | null;
  card_complaint_caption: string | null;
  card_footer: string | null;
  time_zone: string;
  hand_out_days: number;
  archived_at: number | null;
  working_hours: string | null;
  holidays: string;
}

export interface ReviewLinkRow {
  id: number;
  location_id: number;
  platform: Platform;
  url: string;
  is_primary: number;
}

function toLocation(row: LocationRow): Location {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    address: row.address,
    timeZone: row.time_zone,
    handOutDays: row.hand_out_days,
    cardTexts: {
      headline: row.card_headline,
      reviewCaption: row.card_review_caption,
      complaintCaption: row.card_complaint_caption,
      footer: row.card_footer,
    },
    archivedAt: row.archived_at,
    hours: decodeHours(row.working_hours),
    holidays: decodeHolidays(row.holidays),
  };
}

/** A location's working time: its hours, holidays and zone. */
export function scheduleOf(location: Pick<Location, 'hours' | 'holidays' | 'timeZone'>): WorkingSchedule {
  return { hours: location.hours, holidays: location.holidays, timeZone: location.timeZone };
}

/** Every location's working time by id, for figures in working minutes across locations. */
export async function locationSchedules(db: D1Database): Promise<Map<number, WorkingSchedule>> {
  const { results } = await db
    .prepare('SELECT id, time_zone, working_hours, holidays FROM locations')
    .all<Pick<LocationRow, 'id' | 'time_zone' | 'working_hours' | 'holidays'>>();
  return new Map(
    results.map((r) => [
      r.id,
      { hours: decodeHours(r.working_hours), holidays: decodeHolidays(r.holidays), timeZone: r.time_zone },
    ]),
  );
}

function toReviewLink(row: ReviewLinkRow): ReviewLink {
  return { id: row.id, platform: row.platform, url: row.url, isPrimary: row.is_primary === 1 };
}

/** A location row and its link rows (ordered by position) as the domain type. */
export function toLocationWithLinks(row: LocationRow, links: ReviewLinkRow[]): LocationWithLinks {
  return { ...toLocation(row), reviewLinks: links.map(toReviewLink) };
}

export async function listLocations(db: D1Database): Promise<LocationWithLinks[]> {
  const [locations, links] = await db.batch<LocationRow | ReviewLinkRow>([
    db.prepare('SELECT * FROM locations ORDER BY archived_at IS NOT NULL, name'),
    db.prepare('SELECT * FROM review_links ORDER BY location_id, position'),
  ]);
  const linkRows = (links?.results ?? []) as ReviewLinkRow[];
  return ((locations?.results ?? []) as LocationRow[]).map((row) => ({
    ...toLocation(row),
    reviewLinks: linkRows.filter((l) => l.location_id === row.id).map(toReviewLink),
  }));
}

export async function getLocationBySlug(db: D1Database, slug: string): Promise<LocationWithLinks | null> {
  const row = await db.prepare('SELECT * FROM locations WHERE slug = ?1').bind(slug).first<LocationRow>();
  return row ? withLinks(db, row) : null;
}

export async function getLocation(db: D1Database, id: number): Promise<LocationWithLinks | null> {
  const row = await db.prepare('SELECT * FROM locations WHERE id = ?1').bind(id).first<LocationRow>();
  return row ? withLinks(db, row) : null;
}

async function withLinks(db: D1Database, row: LocationRow): Promise<LocationWithLinks> {
  const { results } = await db
    .prepare('SELECT * FROM review_links WHERE location_id = ?1 ORDER BY position')
    .bind(row.id)
    .all<ReviewLinkRow>();
  return toLocationWithLinks(row, results);
}

function linkStatements(db: D1Database, locationId: number | null, input: LocationInput): D1PreparedStatement[] {
  // With a new location its id is not known yet, so the links find it by slug.
  const locationRef = locationId === null ? '(SELECT id FROM locations WHERE slug = ?5)' : '?5';
  return input.reviewLinks.map((link, position) =>
    db
      .prepare(
        `INSERT INTO review_links (location_id, platform, url, is_primary, position)
         VALUES (${locationRef}, ?1, ?2, ?3, ?4)`,
      )
      .bind(link.platform, link.url, link.isPrimary ? 1 : 0, position, locationId ?? input.slug),
  );
}

/**
 * Statements that copy a zone's offsets into location_offsets (migrations/0012), which the daily
 * aggregates read to cut days. `location` is an id or, for a location not stored yet, its slug.
 */
function offsetStatements(db: D1Database, location: number | string, zone: string): D1PreparedStatement[] {
  const ref = typeof location === 'number' ? '?1' : '(SELECT id FROM locations WHERE slug = ?1)';
  const rows = JSON.stringify(zoneTransitions(zone).map((t) => [t.startsAt, t.offsetSeconds]));
  return [
    db.prepare(`DELETE FROM location_offsets WHERE location_id = ${ref}`).bind(location),
    db
      .prepare(
        `INSERT INTO location_offsets (location_id, starts_at, offset_seconds) SELECT ${ref}, value ->> 0, value ->> 1 FROM json_each(?2)`,
      )
      .bind(location, rows),
  ];
}

/** The stored JSON of hours (minutes of the day) and holidays. */
function hoursColumns(input: Pick<LocationInput, 'hours' | 'holidays'>): [string | null, string] {
  return [input.hours ? JSON.stringify(input.hours) : null, JSON.stringify(input.holidays ?? [])];
}

/** Creates a location and its review links in one transaction; returns its id. */
export async function insertLocation(db: D1Database, input: LocationInput, now: number): Promise<number> {
  const t = input.cardTexts;
  await db.batch([
    db
      .prepare(
        `INSERT INTO locations (slug, name, address, card_headline, card_review_caption,
           card_complaint_caption, card_footer, time_zone, hand_out_days, created_at, working_hours, holidays)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)`,
      )
      .bind(
        input.slug,
        input.name,
        input.address,
        t.headline,
        t.reviewCaption,
        t.complaintCaption,
        t.footer,
        input.timeZone,
        input.handOutDays,
        now,
        ...hoursColumns(input),
      ),
    ...offsetStatements(db, input.slug, input.timeZone),
    ...linkStatements(db, null, input),
  ]);
  const row = await db.prepare('SELECT id FROM locations WHERE slug = ?1').bind(input.slug).first<{ id: number }>();
  return row!.id;
}

/**
 * Replaces a location's fields and review links in one transaction. A new time zone re-cuts the
 * location's days: its offsets are replaced and its aggregates rebuilt from the raw rows.
 */
export async function updateLocation(db: D1Database, id: number, input: LocationInput): Promise<void> {
  const t = input.cardTexts;
  const before = await db
    .prepare('SELECT time_zone FROM locations WHERE id = ?1')
    .bind(id)
    .first<{ time_zone: string }>();
  const zoneChanged = before !== null && before.time_zone !== input.timeZone;
  await db.batch([
    db
      .prepare(
        `UPDATE locations SET slug = ?2, name = ?3, address = ?4, card_headline = ?5,
           card_review_caption = ?6, card_complaint_caption = ?7, card_footer = ?8, time_zone = ?9, hand_out_days = ?10,
           working_hours = ?11, holidays = ?12
         WHERE id = ?1`,
      )
      .bind(
        id,
        input.slug,
        input.name,
        input.address,
        t.headline,
        t.reviewCaption,
        t.complaintCaption,
        t.footer,
        input.timeZone,
        input.handOutDays,
        ...hoursColumns(input),
      ),
    ...(zoneChanged ? offsetStatements(db, id, input.timeZone) : []),
    db.prepare('DELETE FROM review_links WHERE location_id = ?1').bind(id),
    ...linkStatements(db, id, input),
  ]);
  if (zoneChanged) await rebuildDailyStats(db, id);
  forgetCardTargets();
}

export async function slugTaken(db: D1Database, slug: string, exceptId: number | null): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS taken FROM locations WHERE slug = ?1 AND id IS NOT ?2')
    .bind(slug, exceptId)
    .first<{ taken: number }>();
  return row !== null;
}

const OWNER_ZONE_KEY = 'ownerTimeZone';

/**
 * The zone of views across all locations: the owner's choice, else the first location's zone, else
 * Moscow. Each location's figures stay in its own days; this zone decides "today" and the period.
 */
export async function ownerTimeZone(db: D1Database): Promise<string> {
  const row = await db
    .prepare(
      `SELECT COALESCE((SELECT value FROM settings WHERE key = ?1),
                       (SELECT time_zone FROM locations WHERE archived_at IS NULL ORDER BY id LIMIT 1), ?2) AS zone`,
    )
    .bind(OWNER_ZONE_KEY, DEFAULT_TIME_ZONE)
    .first<{ zone: string }>();
  return row?.zone ?? DEFAULT_TIME_ZONE;
}

export async function setOwnerTimeZone(db: D1Database, zone: string, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    )
    .bind(OWNER_ZONE_KEY, zone, now)
    .run();
}

/**
 * Archives a location (or restores it with null). Its cards, scans and complaints are untouched:
 * the scan and complaint paths never look at archived_at; pickers and defaults leave it out.
 */
export async function setLocationArchived(db: D1Database, id: number, archivedAt: number | null): Promise<void> {
  await db.prepare('UPDATE locations SET archived_at = ?2 WHERE id = ?1').bind(id, archivedAt).run();
}
