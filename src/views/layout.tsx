import { assetHref } from './assets';
import type { Child } from 'hono/jsx';
import type { Actor } from '../env';
import { type Locale, type Messages, messages } from '../i18n';
import { can, homeFor, type Permission } from '../auth/roles';
import { useCsrf } from './request';

interface LayoutProps {
  title: string;
  locale: Locale;
  t: Messages;
  children?: Child;
  /** Signed-in owner pages show the navigation. */
  actor?: Actor;
  current?: string;
  /** The current path, for the language switch. */
  path?: string;
  /** Pages without a session that still show the product name and the language switch (sign-in). */
  brandBar?: { switchHref: string };
}

const NAV: { href: string; key: keyof Messages['admin']['nav']; permission: Permission }[] = [
  { href: '/admin', key: 'dashboard', permission: 'dashboard' },
  { href: '/admin/reviews', key: 'reviews', permission: 'reviews' },
  { href: '/admin/complaints', key: 'complaints', permission: 'complaints' },
  { href: '/admin/print', key: 'print', permission: 'print' },
  { href: '/admin/locations', key: 'locations', permission: 'locations' },
  { href: '/admin/settings', key: 'settings', permission: 'settings' },
];

export function Layout(props: LayoutProps) {
  const { t, actor } = props;
  const other = t.common.otherLocale;
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>
          {props.title} · {t.common.productName}
        </title>
        <link rel="stylesheet" href={assetHref('app.css')} />
      </head>
      <body>
        {actor && (
          <header class="topbar">
            <nav class="wrap" aria-label={t.admin.nav.label}>
              <a class="brand" href={homeFor(actor.role)}>
                {t.common.productName}
              </a>
              {NAV.filter((item) => can(actor.role, item.permission)).map((item) => (
                <a href={item.href} aria-current={props.current === item.href ? 'page' : undefined}>
                  {t.admin.nav[item.key]}
                </a>
              ))}
              <span class="nav-aux">
                <a href="/admin/account" aria-current={props.current === '/admin/account' ? 'page' : undefined}>
                  {messages(props.locale).accounts.nav.account}
                </a>
                <a href={`${props.path ?? '/admin'}?lang=${other}`} lang={other}>
                  {t.common.languageSwitch}
                </a>
                <form method="post" action="/admin/logout">
                  <CsrfField />
                  <button class="linkish" type="submit">
                    {t.admin.nav.logout}
                  </button>
                </form>
              </span>
            </nav>
          </header>
        )}
        {!actor && props.brandBar && (
          <header class="topbar">
            <div class="wrap">
              <span class="brand">{t.common.productName}</span>
              <span class="nav-aux">
                <a href={props.brandBar.switchHref} lang={other} hreflang={other}>
                  {t.common.languageSwitch}
                </a>
              </span>
            </div>
          </header>
        )}
        <main class="wrap">{props.children}</main>
      </body>
    </html>
  );
}

/** A hidden CSRF field for every state-changing form. */
export function CsrfField() {
  return <input type="hidden" name="_csrf" value={useCsrf()} />;
}

/** A one-button form that changes state (revoke, delete, retry): POST with the CSRF token. */
export function PostButton(props: { action: string; label: string; class?: string }) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <CsrfField />
      <button class={props.class ?? 'btn secondary'} type="submit">
        {props.label}
      </button>
    </form>
  );
}

/** A label, control and the field's error, wired for screen readers. */
export function Field(props: { id: string; label: string; hint?: string; error?: string; children: Child }) {
  return (
    <div>
      <label for={props.id}>
        {props.label}
        {props.hint && <span class="hint">{props.hint}</span>}
      </label>
      {props.children}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}
