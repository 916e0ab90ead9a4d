import type { LocationBrand } from '../domain/location-brand';

/** A location's brand on its cards: colour, back-side text and logo (migration 0013). */

interface BrandRow {
  brand_color: string | null;
  back_text: string | null;
  logo: ArrayBuffer | number[] | null;
  logo_type: 'image/png' | 'image/jpeg' | null;
  logo_width: number | null;
  logo_height: number | null;
}

export const NO_BRAND: LocationBrand = { brandColor: null, backText: null, logo: null };

function toBrand(row: BrandRow | null): LocationBrand {
  if (!row) return NO_BRAND;
  const logo =
    row.logo && row.logo_type && row.logo_width && row.logo_height
      ? {
          type: row.logo_type,
          bytes: new Uint8Array(row.logo as ArrayBuffer),
          width: row.logo_width,
          height: row.logo_height,
        }
      : null;
  return { brandColor: row.brand_color, backText: row.back_text, logo };
}

export async function getLocationBrand(db: D1Database, locationId: number): Promise<LocationBrand> {
  return toBrand(
    await db.prepare('SELECT * FROM location_brand WHERE location_id = ?1').bind(locationId).first<BrandRow>(),
  );
}

/** Colour and back text; the logo stays as it is. */
export async function saveBrandTexts(
  db: D1Database,
  locationId: number,
  brandColor: string | null,
  backText: string | null,
  now: number,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO location_brand (location_id, brand_color, back_text, updated_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (location_id) DO UPDATE SET brand_color = ?2, back_text = ?3, updated_at = ?4`,
    )
    .bind(locationId, brandColor, backText, now)
    .run();
}

export async function saveLogo(
  db: D1Database,
  locationId: number,
  logo: NonNullable<LocationBrand['logo']>,
  now: number,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO location_brand (location_id, logo, logo_type, logo_width, logo_height, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
       ON CONFLICT (location_id) DO UPDATE SET logo = ?2, logo_type = ?3, logo_width = ?4, logo_height = ?5, updated_at = ?6`,
    )
    .bind(locationId, logo.bytes, logo.type, logo.width, logo.height, now)
    .run();
}

/** True if there was a logo to remove. */
export async function deleteLogo(db: D1Database, locationId: number, now: number): Promise<boolean> {
  const result = await db
    .prepare(
      'UPDATE location_brand SET logo = NULL, logo_type = NULL, logo_width = NULL, logo_height = NULL, updated_at = ?2 WHERE location_id = ?1 AND logo IS NOT NULL',
    )
    .bind(locationId, now)
    .run();
  return (result.meta.changes ?? 0) > 0;
}
