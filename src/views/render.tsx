import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../env';
import { messages } from '../i18n';
import { Layout } from './layout';

/** Renders a page inside the Layout with the request's locale, actor and CSRF token. */
export function renderPage(
  c: Context<AppEnv>,
  title: string,
  body: Child,
  options: { status?: ContentfulStatusCode; current?: string; brandBar?: { switchHref: string } } = {},
) {
  const locale = c.get('locale');
  return c.html(
    <Layout
      title={title}
      locale={locale}
      t={messages(locale)}
      actor={c.get('actor')}
      csrfToken={c.get('csrfToken')}
      current={options.current}
      path={new URL(c.req.url).pathname}
      brandBar={options.brandBar}
    >
      {body}
    </Layout>,
    options.status ?? 200,
  );
}

/** The messages of the request's locale. */
export function t(c: Context<AppEnv>) {
  return messages(c.get('locale'));
}
