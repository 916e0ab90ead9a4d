import { PDFDocument } from 'pdf-lib';
import { deleteLogo, saveLogo } from '../db/location-brand';
import type { LogoInfo } from '../domain/logo';
import { MAX_LOGO_BYTES, sniffLogo } from '../domain/logo';

/** Why an upload is not a logo the cards can print. */
export type LogoProblem = 'empty' | 'tooLarge' | 'notImage' | 'damaged';

/** The HTTP status each problem answers with, in the API and on the brand page alike. */
export const LOGO_PROBLEM_STATUS = { empty: 400, tooLarge: 413, notImage: 415, damaged: 422 } as const satisfies Record<
  LogoProblem,
  number
>;

type LogoUpload = LogoInfo & { bytes: Uint8Array };

/**
 * Checks an uploaded file: not empty, at most 512 KB, PNG or JPEG by its own bytes, and readable
 * by the PDF renderer (what it cannot draw is refused now, not when a batch is printed).
 */
export async function checkLogo(bytes: Uint8Array): Promise<{ logo: LogoUpload } | { problem: LogoProblem }> {
  if (bytes.length === 0) return { problem: 'empty' };
  if (bytes.length > MAX_LOGO_BYTES) return { problem: 'tooLarge' };
  const info = sniffLogo(bytes);
  if (!info) return { problem: 'notImage' };
  try {
    const doc = await PDFDocument.create();
    if (info.type === 'image/png') await doc.embedPng(bytes);
    else await doc.embedJpg(bytes);
  } catch {
    return { problem: 'damaged' };
  }
  return { logo: { ...info, bytes } };
}

/** Stores a checked logo as the location's (replacing any other). */
export function setLocationLogo(db: D1Database, locationId: number, logo: LogoUpload, now: number): Promise<void> {
  return saveLogo(db, locationId, logo, now);
}

/** True if there was a logo to remove. */
export function removeLocationLogo(db: D1Database, locationId: number, now: number): Promise<boolean> {
  return deleteLogo(db, locationId, now);
}
