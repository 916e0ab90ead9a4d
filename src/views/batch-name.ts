import { TEMPLATES } from '../pdf/templates';
import type { Locale } from '../i18n';
import { formatShortMoment } from './format';

/** What a batch is called wherever one is picked or listed: when, where, which design. */
export interface NamedBatch {
  createdAt: number;
  /** its location's zone: the time is the one printed on that location's clock */
  timeZone: string;
  locationName: string;
  /** the design's id, e.g. 'classic' */
  template: string;
}

/** The design's name in the page's language (an unknown id is shown as it is). */
export function designName(template: string, locale: Locale): string {
  return TEMPLATES.find((t) => t.id === template)?.name[locale] ?? template;
}

/** "23 нояб., 16:15 · Пекарня «Колобок» · Классика" */
export function batchName(batch: NamedBatch, locale: Locale): string {
  return `${formatShortMoment(batch.createdAt, locale, batch.timeZone)} · ${batch.locationName} · ${designName(batch.template, locale)}`;
}
