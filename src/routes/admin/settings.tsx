import { Hono } from 'hono';
import { requirePermission } from '../../auth/middleware';
import { getSettings, saveSettings } from '../../db/settings';
import { field, parseRetentionDays } from '../../domain/account-forms';
import type { AppEnv } from '../../env';
import { SettingsPage } from '../../views/accounts-admin';
import { messages } from '../../i18n';

/** `/admin/settings` (owner): links to people, tokens and complaint settings, and the retention period. */
export const settingsRoutes = new Hono<AppEnv>();
settingsRoutes.use('/', requirePermission('settings'));

const CURRENT = '/admin/settings';

settingsRoutes.get('/', async (c) => {
  const a = messages(c.get('locale')).accounts;
  const settings = await getSettings(c.env.DB);
  return c.render(<SettingsPage a={a} value={String(settings.retentionDays)} saved={c.req.query('saved') === '1'} />, {
    title: a.settings.title,
    current: CURRENT,
  });
});

settingsRoutes.post('/', async (c) => {
  const a = messages(c.get('locale')).accounts;
  const value = field(await c.req.parseBody(), 'retentionDays', 20);
  const retentionDays = parseRetentionDays(value);
  if (retentionDays === null) {
    c.status(400);
    return c.render(<SettingsPage a={a} value={value} error={a.settings.retentionInvalid} saved={false} />, {
      title: a.settings.title,
      current: CURRENT,
    });
  }
  await saveSettings(c.env.DB, { retentionDays }, Date.now());
  return c.redirect('/admin/settings?saved=1', 303);
});
