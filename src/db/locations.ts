import { forgetCardTargets } from './card-targets';
import type { Platform } from '../domain/review-links';

export interface ReviewLink {
  id: number;
  platform: Platform;
  url: string;
  isPrimary: boolean;
}

export interface CardTextOverrides {
  headline: string | null;
  reviewCaption: string | null;
  complaintCaption: string | null;
  footer: string | null;
}

export interface Location {
  id: number;
  slug: string;
  name: string;
  address: string;
  cardTexts: CardTextOverrides;
  archivedAt: number | null;
}

export interface LocationWithLinks extends Location {
  reviewLinks: ReviewLink[];
}

export interface LocationInput {
  slug: string;
  name: string;
  address: string;
  cardTexts: CardTextOverrides;
  reviewLinks: { platform: Platform; url: string; isPrimary: boolean }[];
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
  archived_at: number | null;
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
    cardTexts: {
      headline: row.card_headline,
      reviewCaption: row.card_review_caption,
      complaintCaption: row.card_complaint_caption,
      footer: row.card_footer,
    },
    archivedAt: row.archived_at,
  };
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

/** Creates a location and its review links in one transaction; returns its id. */
export async function insertLocation(db: D1Database, input: LocationInput, now: number): Promise<number> {
  const t = input.cardTexts;
  await db.batch([
    db
      .prepare(
        `INSERT INTO locations (slug, name, address, card_headline, card_review_caption,
           card_complaint_caption, card_footer, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
      )
      .bind(input.slug, input.name, input.address, t.headline, t.reviewCaption, t.complaintCaption, t.footer, now),
    ...linkStatements(db, null, input),
  ]);
  const row = await db.prepare('SELECT id FROM locations WHERE slug = ?1').bind(input.slug).first<{ id: number }>();
  return row!.id;
}

/** Replaces a location's fields and review links in one transaction. */
export async function updateLocation(db: D1Database, id: number, input: LocationInput): Promise<void> {
  const t = input.cardTexts;
  await db.batch([
    db
      .prepare(
        `UPDATE locations SET slug = ?2, name = ?3, address = ?4, card_headline = ?5,
           card_review_caption = ?6, card_complaint_caption = ?7, card_footer = ?8
         WHERE id = ?1`,
      )
      .bind(id, input.slug, input.name, input.address, t.headline, t.reviewCaption, t.complaintCaption, t.footer),
    db.prepare('DELETE FROM review_links WHERE location_id = ?1').bind(id),
    ...linkStatements(db, id, input),
  ]);
  forgetCardTargets();
}

export async function slugTaken(db: D1Database, slug: string, exceptId: number | null): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS taken FROM locations WHERE slug = ?1 AND id IS NOT ?2')
    .bind(slug, exceptId)
    .first<{ taken: number }>();
  return row !== null;
}
