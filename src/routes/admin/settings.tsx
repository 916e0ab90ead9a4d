import { Hono } from 'hono';
import { requirePermission } from '../../auth/middleware';
import { getSettings, saveSettings } from '../../db/settings';
import { field, parseRetentionDays } from '../../domain/account-forms';
import type { AppEnv } from '../../env';
import { SettingsPage } from '../../views/accounts-admin';
import { renderPage, t } from '../../views/render';
import { messages } from '../../i18n';

/** `/admin/settings` (owner): links to people, tokens and complaint settings, and the retention period. */
export const settingsRoutes = new Hono<AppEnv>();
settingsRoutes.use('/', requirePermission('settings'));

const CURRENT = '/admin/settings';

settingsRoutes.get('/', async (c) => {
  const a = messages(c.get('locale')).accounts;
  const settings = await getSettings(c.env.DB);
  return renderPage(
    c,
    a.settings.title,
    <SettingsPage a={a} saveText={t(c).common.save} value={String(settings.retentionDays)} saved={c.req.query('saved') === '1'} csrfToken={c.get('csrfToken')} />,
    { current: CURRENT },
  );
});

settingsRoutes.post('/', async (c) => {
  const a = messages(c.get('locale')).accounts;
  const value = field(await c.req.parseBody(), 'retentionDays', 20);
  const retentionDays = parseRetentionDays(value);
  if (retentionDays === null) {
    return renderPage(
      c,
      a.settings.title,
      <SettingsPage a={a} saveText={t(c).common.save} value={value} error={a.settings.retentionInvalid} saved={false} csrfToken={c.get('csrfToken')} />,
      { status: 400, current: CURRENT },
    );
  }
  await saveSettings(c.env.DB, { retentionDays }, Date.now());
  return c.redirect('/admin/settings?saved=1', 303);
});
