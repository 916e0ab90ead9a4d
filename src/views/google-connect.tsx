import type { GoogleLocation } from '../domain/google';
import { type Locale, messages } from '../i18n';
import { fill } from '../i18n';
import { formatMoment } from './format';
import { CsrfField, Field } from './layout';

export interface GooglePageProps {
  locale: Locale;
  redirectUri: string;
  config: { clientId: string; hasSecret: boolean; apiBase: string; oauthBase: string };
  connected: boolean;
  lastSyncAt: number;
  /** The owner's zone: the sync covers every location, so its times are on the owner's clock. */
  timeZone: string;
  lastError: string;
  backoffUntil: number;
  googleLocations: GoogleLocation[];
  locations: { id: number; name: string }[];
  notice?: string;
  error?: string;
  /** Field errors of the config form, with the values typed. */
  failed?: { values: Record<string, string>; errors: Record<string, string> };
}

export function GooglePage(props: GooglePageProps) {
  const m = messages(props.locale).google;
  const v = (key: keyof GooglePageProps['config']) => props.failed?.values[key] ?? String(props.config[key]);
  const e = (key: string) => props.failed?.errors[key];
  return (
    <div class="reviews-page">
      <p>
        <a href="/admin/reviews">{m.back}</a>
      </p>
      <h1>{m.title}</h1>
      <p class="muted">{m.intro}</p>
      {props.notice && (
        <div class="alert ok" role="status">
          {props.notice}
        </div>
      )}
      {props.error && (
        <div class="alert error" role="alert">
          {props.error}
        </div>
      )}

      <section class="panel" id="google-status">
        <p>
          <strong>{props.connected ? m.status.connected : m.status.notConnected}</strong>
        </p>
        {props.connected && (
          <p class="small">
            {props.lastSyncAt
              ? fill(m.status.lastSync, { when: formatMoment(props.lastSyncAt, props.locale, props.timeZone) })
              : m.status.never}
          </p>
        )}
        {props.lastError && <p class="small field-error">{fill(m.status.error, { reason: props.lastError })}</p>}
        {props.backoffUntil > props.lastSyncAt && (
          <p class="small">
            {fill(m.status.backoff, { when: formatMoment(props.backoffUntil, props.locale, props.timeZone) })}
          </p>
        )}
        <div class="inline-forms">
          {props.config.clientId && props.config.hasSecret && (
            <a class="btn" id="google-connect" href="/admin/reviews/google/connect">
              {props.connected ? m.reconnect : m.connect}
            </a>
          )}
          {props.connected && (
            <>
              <form method="post" action="/admin/reviews/google/sync" class="inline-form">
                <CsrfField />
                <button class="btn secondary" type="submit">
                  {m.sync}
                </button>
              </form>
              <form method="post" action="/admin/reviews/google/disconnect" class="inline-form">
                <CsrfField />
                <button class="btn danger" type="submit">
                  {m.disconnect}
                </button>
              </form>
            </>
          )}
        </div>
      </section>

      <section class="panel" id="google-mapping">
        <h2>{m.mapping.title}</h2>
        {props.googleLocations.length === 0 ? (
          <p class="muted">{m.mapping.none}</p>
        ) : (
          <form method="post" action="/admin/reviews/google/map">
            <CsrfField />
            {props.googleLocations.map((g, i) => (
              <Field
                id={`google-map-${i}`}
                label={g.title}
                hint={
                  g.totalReviewCount === null
                    ? g.name
                    : `${g.name} · ${fill(m.mapping.stats, { total: g.totalReviewCount, avg: g.averageRating ?? '—' })}`
                }
              >
                <select id={`google-map-${i}`} name={`map:${g.name}`}>
                  <option value="">{m.mapping.skip}</option>
                  {props.locations.map((l) => (
                    <option value={String(l.id)} selected={g.locationId === l.id}>
                      {l.name}
                    </option>
                  ))}
                </select>
              </Field>
            ))}
            <p class="actions">
              <button class="btn" type="submit">
                {m.mapping.save}
              </button>
            </p>
          </form>
        )}
      </section>

      <section class="panel" id="google-config">
        <h2>{m.config.title}</h2>
        <p class="small">{m.config.hint}</p>
        <p class="small code-sample prewrap" id="google-redirect-uri">
          {props.redirectUri}
        </p>
        <form method="post" action="/admin/reviews/google/config">
          <CsrfField />
          <Field id="google-client-id" label={m.config.clientId} error={e('clientId')}>
            <input
              id="google-client-id"
              name="clientId"
              type="text"
              value={v('clientId')}
              autocomplete="off"
              maxlength={300}
              aria-invalid={e('clientId') ? 'true' : undefined}
            />
          </Field>
          <Field
            id="google-client-secret"
            label={m.config.clientSecret}
            hint={props.config.hasSecret ? m.config.secretSaved : undefined}
            error={e('clientSecret')}
          >
            <input
              id="google-client-secret"
              name="clientSecret"
              type="password"
              value=""
              autocomplete="off"
              maxlength={300}
              aria-invalid={e('clientSecret') ? 'true' : undefined}
            />
          </Field>
          <Field id="google-api-base" label={m.config.apiBase} hint={m.config.baseHint} error={e('apiBase')}>
            <input
              id="google-api-base"
              name="apiBase"
              type="url"
              value={v('apiBase')}
              maxlength={300}
              aria-invalid={e('apiBase') ? 'true' : undefined}
            />
          </Field>
          <Field id="google-oauth-base" label={m.config.oauthBase} error={e('oauthBase')}>
            <input
              id="google-oauth-base"
              name="oauthBase"
              type="url"
              value={v('oauthBase')}
              maxlength={300}
              aria-invalid={e('oauthBase') ? 'true' : undefined}
            />
          </Field>
          <p class="actions">
            <button class="btn secondary" type="submit">
              {m.config.save}
            </button>
          </p>
        </form>
      </section>
    </div>
  );
}
