import { z } from 'zod';
import { DEFAULT_TEMPLATE_ID, getTemplate } from '../../pdf/templates';
import { getLocationBySlug } from '../../db/locations';
import { CARD_FORMATS } from '../../domain/postcard-layout';
import { AppError } from '../../errors';
import { loadDesignInput, previewPdf } from '../../services/card-design';
import { printingOrigin } from '../../services/printing';
import { apiApp, createRoute, routeDoc } from './openapi';

export const previewQuerySchema = z.object({
  location: z
    .string({ error: 'location is required: the slug of a location' })
    .trim()
    .min(1, 'location is required')
    .max(40),
  template: z.string().max(40).optional().describe('a design id, default classic'),
  format: z
    .enum(CARD_FORMATS, { error: `format must be one of ${CARD_FORMATS.join(', ')}` })
    .default('a6')
    .describe(CARD_FORMATS.join(', ')),
});

/** One sample card as the chosen location, design and format would print it; never stored, never counted. */
export const previewApi = apiApp();

const preview = createRoute({
  method: 'get',
  path: '/preview',
  request: { query: previewQuerySchema },
  ...routeDoc({
    permission: 'print',
    summary: 'A sample card as PDF',
    description:
      'One card for the location, design and format, with placeholder codes crossed out with "ОБРАЗЕЦ". Creates no batch and counts nowhere.',
    responseType: 'application/pdf',
  }),
});

previewApi.openapi(preview, async (c) => {
  const query = c.req.valid('query');
  const { location: slug, format } = query;
  const templateId = query.template ?? DEFAULT_TEMPLATE_ID;
  if (!getTemplate(templateId)) throw new AppError(422, `unknown template "${templateId}"`, 'template');
  const location = await getLocationBySlug(c.env.DB, slug);
  if (!location || location.archivedAt !== null) throw new AppError(422, `no location with slug "${slug}"`, 'location');
  const pdf = await previewPdf(
    await loadDesignInput(c.env.DB, location, format, templateId),
    printingOrigin(c.env, c.req.url),
  );
  return new Response(pdf, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="preview-${location.slug}-${templateId}-${format}.pdf"`,
      'cache-control': 'private, no-store',
    },
  });
});
