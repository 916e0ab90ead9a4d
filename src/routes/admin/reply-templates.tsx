import { Hono, type Context } from 'hono';
import { requirePermission } from '../../auth/middleware';
import { getLocation } from '../../db/locations';
import {
  deleteReplyTemplate,
  getReplyTemplate,
  insertReplyTemplate,
  listReplyTemplates,
  updateReplyTemplate,
} from '../../db/reply-templates';
import { MAX_REPLY_TEMPLATES, normaliseReply, replyProblem, REPLY_CHARS } from '../../domain/complaint-reply';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { fill, messages } from '../../i18n';
import { ReplyTemplatesPage, type TemplateFormState } from '../../views/reply-templates';

/**
 * /admin/locations/:id/replies: the location's reply templates. They live with the location
 * (like its hours and brand) because each location answers in its own words, and the people
 * who answer complaints (owner and manager) may keep them; the complaint settings page is the
 * owner's alone and holds nothing per location.
 */
export const replyTemplateRoutes = new Hono<AppEnv>();
replyTemplateRoutes.use('*', requirePermission('locations'));

function positiveId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw notFound('no such item');
  return id;
}

async function loadLocation(c: Context<AppEnv>) {
  const location = await getLocation(c.env.DB, positiveId(c.req.param('id')));
  if (!location) throw notFound('no such location');
  return location;
}

async function show(c: Context<AppEnv>, location: { id: number; name: string }, failed?: TemplateFormState) {
  const locale = c.get('locale');
  const templates = await listReplyTemplates(c.env.DB, location.id);
  c.status(failed ? 400 : 200);
  return c.render(
    <ReplyTemplatesPage
      locale={locale}
      location={location}
      templates={templates}
      saved={c.req.query('saved') === '1'}
      failed={failed}
    />,
    { title: fill(messages(locale).replies.templates.title, { name: location.name }), current: '/admin/locations' },
  );
}

/** The typed text, normalised, or the message that refuses it. */
async function readText(c: Context<AppEnv>): Promise<{ typed: string; text: string; error: string | null }> {
  const body = await c.req.parseBody();
  const typed = typeof body.text === 'string' ? body.text : '';
  const text = normaliseReply(typed);
  const problem = replyProblem(text);
  const errors = messages(c.get('locale')).replies.admin.errors;
  return {
    typed,
    text,
    error: problem ? fill(errors[problem], { count: REPLY_CHARS, length: [...text].length }) : null,
  };
}

const back = (c: Context<AppEnv>, locationId: number) =>
  c.redirect(`/admin/locations/${locationId}/replies?saved=1`, 303);

replyTemplateRoutes.get('/:id/replies', async (c) => show(c, await loadLocation(c)));

replyTemplateRoutes.post('/:id/replies', async (c) => {
  const location = await loadLocation(c);
  const { typed, text, error } = await readText(c);
  if (error) return show(c, location, { target: 'new', text: typed, error });
  if (!(await insertReplyTemplate(c.env.DB, location.id, text, MAX_REPLY_TEMPLATES, Date.now()))) {
    return show(c, location, {
      target: 'new',
      text: typed,
      error: fill(messages(c.get('locale')).replies.templates.full, { max: MAX_REPLY_TEMPLATES }),
    });
  }
  return back(c, location.id);
});

async function loadTemplate(c: Context<AppEnv>, locationId: number) {
  const template = await getReplyTemplate(c.env.DB, positiveId(c.req.param('templateId')));
  if (!template || template.locationId !== locationId) throw notFound('no such template');
  return template;
}

replyTemplateRoutes.post('/:id/replies/:templateId', async (c) => {
  const location = await loadLocation(c);
  const template = await loadTemplate(c, location.id);
  const { typed, text, error } = await readText(c);
  if (error) return show(c, location, { target: template.id, text: typed, error });
  await updateReplyTemplate(c.env.DB, template.id, text, Date.now());
  return back(c, location.id);
});

replyTemplateRoutes.post('/:id/replies/:templateId/delete', async (c) => {
  const location = await loadLocation(c);
  const template = await loadTemplate(c, location.id);
  await deleteReplyTemplate(c.env.DB, template.id);
  return back(c, location.id);
});
