import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { jsxRenderer, RequestContext } from 'hono/jsx-renderer';
import type { AppEnv } from '../env';
import { messages } from '../i18n';
import { PublicLayout } from './complaint-public';
import { Layout } from './layout';

/** What a handler says about its page besides the body: `c.render(<Page />, { title, ... })`. */
interface PageProps {
  title: string;
  /** The navigation entry marked as the current page. */
  current?: string;
  /** Pages without a session that still show the product name and the language switch (sign-in). */
  brandBar?: { switchHref: string };
  /** The customer's pages (complaint flow, consent text): their own layout and stylesheet. */
  publicPage?: { business?: { name: string; address: string }; head?: Child };
}

declare module 'hono' {
  interface ContextRenderer {
    // biome-ignore lint/style/useShorthandFunctionType: hono's ContextRenderer is extended by declaration merging, which needs an interface
    (content: Child, props: PageProps): Response | Promise<Response>;
  }
}

/**
 * The one renderer of pages, registered once for every path: the owner's layout (navigation for a
 * signed-in actor, the language switch) or, with `publicPage`, the customer's layout. Locale, actor
 * and CSRF token come from the request; set a status with `c.status(...)` before `c.render`.
 */
export const pageRenderer = jsxRenderer<AppEnv>(
  ({ children, title, current, brandBar, publicPage }, c: Context<AppEnv>) => {
    const locale = c.get('locale');
    const path = new URL(c.req.url).pathname;
    if (publicPage) {
      return (
        <PublicLayout
          t={messages(locale).complaints}
          locale={locale}
          title={title}
          path={path}
          business={publicPage.business}
          head={publicPage.head}
        >
          {children}
        </PublicLayout>
      );
    }
    return (
      <Layout
        title={title}
        locale={locale}
        t={messages(locale)}
        actor={c.get('actor')}
        current={current}
        path={path}
        brandBar={brandBar}
      >
        {children}
      </Layout>
    );
  },
  // The pages have always been sent without a doctype; adding one would change how browsers lay them out.
  { docType: false },
);

/** An HTML fragment without a layout (a part a page's script swaps in), with the request context for its components. */
export function renderFragment(c: Context<AppEnv>, node: Child) {
  return c.html(<RequestContext.Provider value={c}>{node}</RequestContext.Provider>);
}
