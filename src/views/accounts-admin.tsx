import type { ApiTokenSummary, Invite, UserSummary } from '../auth/accounts';
import { ROLES } from '../auth/roles';
import { fill, type Locale, messages, type AccountsMessages } from '../i18n';
import { dateTime, type FieldErrors } from './accounts';
import { CsrfField, Field, PostButton } from './layout';
import { useT } from './request';

/** Owner pages: people, invitations, API tokens and the general settings. */

const invalid = (error?: string) => (error ? 'true' : undefined);

/** What each role may do, next to the role pickers (an option's text would be too long on a phone). */
function RoleLegend(props: { a: AccountsMessages }) {
  return (
    <ul class="role-legend small muted">
      {ROLES.map((role) => (
        <li>
          <strong>{props.a.roles[role]}</strong> — {props.a.roleHints[role]}
        </li>
      ))}
    </ul>
  );
}

function RoleSelect(props: {
  a: AccountsMessages;
  id: string;
  name?: string;
  value: string;
  error?: string;
  label?: string;
}) {
  return (
    <select
      id={props.id}
      name={props.name ?? 'role'}
      class="role-select"
      aria-invalid={invalid(props.error)}
      aria-label={props.label}
    >
      {ROLES.map((role) => (
        <option value={role} selected={props.value === role}>
          {props.a.roles[role]}
        </option>
      ))}
    </select>
  );
}

export function UsersPage(props: {
  a: AccountsMessages;
  locale: Locale;
  /** the owner's zone: people and tokens belong to no location */
  timeZone: string;
  users: UserSummary[];
  invites: Invite[];
  selfId: string;
  values: { email: string; role: string };
  errors: FieldErrors;
  notice?: string;
  error?: string;
}) {
  const { a, locale, errors } = props;
  const u = a.users;
  return (
    <>
      <h1>{u.title}</h1>
      <p class="muted">{u.intro}</p>
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
      <div class="table-wrap">
        <table class="stack">
          <thead>
            <tr>
              <th>{u.name}</th>
              <th>{u.role}</th>
              <th>{u.status}</th>
              <th>{u.since}</th>
              <th>
                <span class="sr-only">{u.changeRole}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.users.map((user) => (
              <tr>
                <td>
                  <strong>{user.name || user.email}</strong>
                  {user.id === props.selfId && <span class="badge good">{u.you}</span>}
                  <div class="muted small">{user.email}</div>
                </td>
                <td data-label={u.role}>{a.roles[user.role]}</td>
                <td data-label={u.status}>
                  {user.disabledAt === null ? (
                    <span class="badge good">{u.active}</span>
                  ) : (
                    <span class="badge bad">{u.disabled}</span>
                  )}
                </td>
                <td class="nowrap" data-label={u.since}>
                  {dateTime(locale, user.createdAt, props.timeZone)}
                </td>
                <td>
                  <div class="inline-forms">
                    <form method="post" action={`/admin/users/${user.id}/role`} class="inline-form">
                      <CsrfField />
                      <RoleSelect a={a} id={`role-${user.id}`} value={user.role} label={`${u.role}: ${user.email}`} />
                      <button class="btn secondary" type="submit">
                        {u.changeRole}
                      </button>
                    </form>
                    {user.id !== props.selfId && user.disabledAt === null && (
                      <PostButton
                        action={`/admin/users/${user.id}/reset`}
                        label={messages(locale).recovery.users.issue}
                      />
                    )}
                    {user.id !== props.selfId && (
                      <form
                        method="post"
                        action={`/admin/users/${user.id}/${user.disabledAt === null ? 'disable' : 'enable'}`}
                        class="inline-form"
                      >
                        <CsrfField />
                        <button class={user.disabledAt === null ? 'btn danger' : 'btn secondary'} type="submit">
                          {user.disabledAt === null ? u.disable : u.enable}
                        </button>
                      </form>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{u.inviteTitle}</h2>
      <form method="post" action="/admin/users/invite" class="panel" novalidate>
        <CsrfField />
        <p class="muted small">{u.inviteIntro}</p>
        <div class="row">
          <Field id="email" label={u.inviteEmail} error={errors.email}>
            <input
              id="email"
              name="email"
              type="email"
              required
              maxlength={200}
              value={props.values.email}
              aria-invalid={invalid(errors.email)}
            />
          </Field>
          <Field id="role" label={u.role} error={errors.role}>
            <RoleSelect a={a} id="role" value={props.values.role} error={errors.role} />
          </Field>
        </div>
        <RoleLegend a={a} />
        <div class="actions">
          <button class="btn" type="submit">
            {u.inviteSubmit}
          </button>
        </div>
      </form>

      <h2>{u.pendingTitle}</h2>
      {props.invites.length === 0 ? (
        <p class="muted">{u.pendingEmpty}</p>
      ) : (
        <div class="table-wrap">
          <table class="stack">
            <thead>
              <tr>
                <th>{u.email}</th>
                <th>{u.role}</th>
                <th>{u.expires}</th>
                <th>
                  <span class="sr-only">{u.revoke}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.invites.map((invite) => (
                <tr>
                  <td>{invite.email}</td>
                  <td data-label={u.role}>{a.roles[invite.role]}</td>
                  <td class="nowrap" data-label={u.expires}>
                    {dateTime(locale, invite.expiresAt, props.timeZone)}
                  </td>
                  <td>
                    <PostButton
                      action={`/admin/users/invites/${invite.id}/revoke`}
                      label={u.revoke}
                      class="btn danger"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** Shown once, straight from the POST: the link's token is stored only as a hash. */
export function SecretOncePage(props: {
  title: string;
  text: string;
  secret: string;
  label: string;
  back: { href: string; text: string };
}) {
  return (
    <div class="narrow">
      <h1>{props.title}</h1>
      <div class="alert ok" role="status">
        {props.text}
      </div>
      <div class="panel">
        <label for="secret">{props.label}</label>
        <textarea id="secret" readonly rows={3} class="secret" spellcheck={false}>
          {props.secret}
        </textarea>
      </div>
      <div class="actions">
        <a class="btn secondary" href={props.back.href}>
          {props.back.text}
        </a>
      </div>
    </div>
  );
}

export function inviteCreatedText(
  a: AccountsMessages,
  locale: Locale,
  email: string,
  expiresAt: number,
  timeZone: string,
) {
  return fill(a.users.inviteCreated, { email, until: dateTime(locale, expiresAt, timeZone) });
}

export function TokensPage(props: {
  a: AccountsMessages;
  locale: Locale;
  /** the owner's zone: people and tokens belong to no location */
  timeZone: string;
  tokens: ApiTokenSummary[];
  values: { name: string; role: string };
  errors: FieldErrors;
  notice?: string;
}) {
  const { a, locale, errors } = props;
  const m = a.tokens;
  return (
    <>
      <h1>{m.title}</h1>
      <p class="muted">
        {m.intro} <a href="/api/v1/openapi.json">{m.docs}</a>
      </p>
      <p class="muted">{m.ownership}</p>
      {props.notice && (
        <div class="alert ok" role="status">
          {props.notice}
        </div>
      )}
      <form method="post" action="/admin/tokens" class="panel" novalidate>
        <CsrfField />
        <div class="row">
          <Field id="name" label={m.name} hint={m.nameHint} error={errors.name}>
            <input
              id="name"
              name="name"
              type="text"
              required
              maxlength={60}
              value={props.values.name}
              aria-invalid={invalid(errors.name)}
            />
          </Field>
          <Field id="role" label={m.role} error={errors.role}>
            <RoleSelect a={a} id="role" value={props.values.role} error={errors.role} />
          </Field>
        </div>
        <RoleLegend a={a} />
        <div class="actions">
          <button class="btn" type="submit">
            {m.submit}
          </button>
        </div>
      </form>
      <h2>{m.listTitle}</h2>
      {props.tokens.length === 0 ? (
        <p class="muted">{m.empty}</p>
      ) : (
        <div class="table-wrap">
          <table class="stack">
            <thead>
              <tr>
                <th>{m.name}</th>
                <th>{m.role}</th>
                <th>{m.createdAt}</th>
                <th>{m.lastUsed}</th>
                <th>
                  <span class="sr-only">{m.revoke}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.tokens.map((token) => (
                <tr class={token.revokedAt !== null ? 'is-revoked' : undefined}>
                  <td>
                    <strong>{token.name}</strong>
                    {token.createdBy && (
                      <div class="muted small">
                        {m.createdBy}: {token.createdBy}
                      </div>
                    )}
                  </td>
                  <td data-label={m.role}>{a.roles[token.role]}</td>
                  <td class="nowrap" data-label={m.createdAt}>
                    {dateTime(locale, token.createdAt, props.timeZone)}
                  </td>
                  <td class="nowrap" data-label={m.lastUsed}>
                    {token.lastUsedAt === null ? (
                      <span class="muted">{m.never}</span>
                    ) : (
                      dateTime(locale, token.lastUsedAt, props.timeZone)
                    )}
                  </td>
                  <td>
                    {token.revokedAt === null ? (
                      <PostButton action={`/admin/tokens/${token.id}/revoke`} label={m.revoke} class="btn danger" />
                    ) : (
                      <span class="badge bad">{m.revoked}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function SettingsPage(props: { a: AccountsMessages; value: string; error?: string; saved: boolean }) {
  const t = useT();
  const { a } = props;
  const s = a.settings;
  return (
    <>
      <h1>{s.title}</h1>
      <p class="muted">{s.intro}</p>
      {props.saved && (
        <div class="alert ok" role="status">
          {s.saved}
        </div>
      )}
      <nav class="tiles" aria-label={s.sections}>
        <a class="tile" href="/admin/users">
          {s.people}
        </a>
        <a class="tile" href="/admin/tokens">
          {s.tokens}
        </a>
        <a class="tile" href="/admin/settings/complaints">
          {s.complaints}
        </a>
      </nav>
      <form method="post" action="/admin/settings" class="panel narrow" novalidate>
        <CsrfField />
        <h2 class="panel-title">{s.retentionTitle}</h2>
        <Field id="retentionDays" label={s.retentionDays} hint={s.retentionHint} error={props.error}>
          <input
            id="retentionDays"
            name="retentionDays"
            type="number"
            inputmode="numeric"
            min={7}
            max={3650}
            required
            value={props.value}
            aria-invalid={invalid(props.error)}
          />
        </Field>
        <div class="actions">
          <button class="btn" type="submit">
            {t.common.save}
          </button>
        </div>
      </form>
    </>
  );
}
