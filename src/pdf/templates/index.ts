import type { Template } from '../../domain/postcard-layout';
import { bold } from './bold';
import { classic } from './classic';

export type { Template } from '../../domain/postcard-layout';

/** What the print form lists; the full design comes from `getTemplate`. */
export interface TemplateInfo {
  id: string;
  name: { ru: string; en: string };
  description: { ru: string; en: string };
}

const designs: Template[] = [classic, bold];

export const TEMPLATES: TemplateInfo[] = designs.map(({ id, name, description }) => ({ id, name, description }));

export const DEFAULT_TEMPLATE_ID = classic.id;

const byId = new Map(designs.map((t) => [t.id, t]));

export function getTemplate(id: string): Template | undefined {
  return byId.get(id);
}
