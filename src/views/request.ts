import type { Context } from 'hono';
import { useRequestContext } from 'hono/jsx-renderer';
import type { AppEnv } from '../env';
import { messages, type Locale } from '../i18n';

// What a component may read of the request it renders for. They work inside `c.render(...)` and
// `renderFragment(...)` (views/renderer.tsx), which provide the request to every component.

/** The request being rendered (inside `c.render` or `renderFragment` only). */
function useRequest(): Context<AppEnv> {
  return useRequestContext<AppEnv>();
}

/** The locale of the request being rendered. */
function useLocale(): Locale {
  return useRequest().get('locale');
}

/** The messages of the request being rendered. */
export function useT() {
  return messages(useLocale());
}

/** The CSRF token of the session being rendered, for forms ('' without a session). */
export function useCsrf(): string {
  return useRequest().get('csrfToken') ?? '';
}
