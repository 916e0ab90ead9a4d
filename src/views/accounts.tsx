import type { Child } from 'hono/jsx';
import type { Role } from '../auth/roles';
import { formatMoment } from './format';
import { fill, type Locale, type AccountsMessages, type RecoveryMessages } from '../i18n';
import { CsrfField, Field } from './layout';

/** Pages a person sees for their own account: first-run setup, an invitation, password change. */

export type FieldErrors = Partial<Record<string, string>>;

/** Account pages belong to no location: their times are shown in the owner's zone. */
export const dateTime = (locale: Locale, at: number, timeZone: string) => formatMoment(at, locale, timeZone);

const invalid = (error?: string) => (error ? 'true' : undefined);

function NewPasswordFields(props: { a: AccountsMessages; errors: FieldErrors }) {
  const { a, errors } = props;
  return (
    <>
      <Field id="password" label={a.password.new} hint={a.password.newHint} error={errors.password}>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          minlength={10}
          maxlength={200}
          aria-invalid={invalid(errors.password)}
        />
      </Field>
      <Field id="confirm" label={a.password.confirm} error={errors.confirm}>
        <input
          id="confirm"
          name="confirm"
          type="password"
          autocomplete="new-password"
          required
          maxlength={200}
          aria-invalid={invalid(errors.confirm)}
        />
      </Field>
    </>
  );
}

export function SetupPage(props: {
  a: AccountsMessages;
  emailLabel: string;
  secret: string;
  values: { name: string; email: string };
  errors: FieldErrors;
}) {
  const { a, errors } = props;
  return (
    <div class="narrow">
      <h1>{a.setup.title}</h1>
      <p class="muted">{a.setup.intro}</p>
      <form method="post" action="/setup" class="panel" novalidate>
        <input type="hidden" name="secret" value={props.secret} />
        <Field id="name" label={a.setup.name} error={errors.name}>
          <input
            id="name"
            name="name"
            type="text"
            autocomplete="name"
            required
            maxlength={80}
            value={props.values.name}
            aria-invalid={invalid(errors.name)}
          />
        </Field>
        <Field id="email" label={props.emailLabel} error={errors.email}>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            maxlength={200}
            value={props.values.email}
            aria-invalid={invalid(errors.email)}
          />
        </Field>
        <NewPasswordFields a={a} errors={errors} />
        <div class="actions">
          <button class="btn" type="submit">
            {a.setup.submit}
          </button>
        </div>
      </form>
    </div>
  );
}

export function InvitePage(props: {
  a: AccountsMessages;
  token: string;
  email: string;
  role: Role;
  values: { name: string };
  errors: FieldErrors;
  formError?: string;
}) {
  const { a, errors } = props;
  return (
    <div class="narrow">
      <h1>{a.invite.title}</h1>
      <p class="muted">
        {fill(a.invite.intro, { role: a.roles[props.role], hint: a.roleHints[props.role], email: props.email })}
      </p>
      {props.formError && (
        <div class="alert error" role="alert">
          {props.formError}
        </div>
      )}
      <form method="post" action={`/invite/${props.token}`} class="panel" novalidate>
        <Field id="name" label={a.invite.name} error={errors.name}>
          <input
            id="name"
            name="name"
            type="text"
            autocomplete="name"
            required
            maxlength={80}
            value={props.values.name}
            aria-invalid={invalid(errors.name)}
          />
        </Field>
        <input
          type="email"
          name="username"
          autocomplete="username"
          value={props.email}
          class="sr-only"
          tabindex={-1}
          aria-hidden="true"
          readonly
        />
        <NewPasswordFields a={a} errors={errors} />
        <div class="actions">
          <button class="btn" type="submit">
            {a.invite.submit}
          </button>
        </div>
      </form>
    </div>
  );
}

export function MessagePage(props: { title: string; text: string }) {
  return (
    <div class="narrow">
      <h1>{props.title}</h1>
      <p>{props.text}</p>
    </div>
  );
}

export function AccountPage(props: {
  a: AccountsMessages;
  email: string;
  role: Role;
  errors: FieldErrors;
  changed: boolean;
  messengers?: Child;
  children?: Child;
}) {
  const { a, errors } = props;
  return (
    <div class="narrow">
      <h1>{a.account.title}</h1>
      <p class="muted">{fill(a.account.intro, { email: props.email, role: a.roles[props.role] })}</p>
      {props.changed && (
        <div class="alert ok" role="status">
          {a.account.changed}
        </div>
      )}
      {props.children}
      <form method="post" action="/admin/account/password" class="panel" novalidate>
        <CsrfField />
        <h2 class="panel-title">{a.account.passwordTitle}</h2>
        <p class="muted small">{a.account.passwordIntro}</p>
        <input
          type="email"
          name="username"
          autocomplete="username"
          value={props.email}
          class="sr-only"
          tabindex={-1}
          aria-hidden="true"
          readonly
        />
        <Field id="current" label={a.account.current} error={errors.current}>
          <input
            id="current"
            name="current"
            type="password"
            autocomplete="current-password"
            required
            maxlength={200}
            aria-invalid={invalid(errors.current)}
          />
        </Field>
        <NewPasswordFields a={a} errors={errors} />
        <div class="actions">
          <button class="btn" type="submit">
            {a.account.submit}
          </button>
        </div>
      </form>
      {props.messengers}
    </div>
  );
}

export function ResetPasswordPage(props: {
  a: AccountsMessages;
  r: RecoveryMessages;
  token: string;
  email: string;
  errors: FieldErrors;
}) {
  const { a, r } = props;
  return (
    <div class="narrow">
      <h1>{r.reset.title}</h1>
      <p class="muted">{fill(r.reset.intro, { email: props.email })}</p>
      <form method="post" action={`/reset/${props.token}`} class="panel" novalidate>
        <input
          type="email"
          name="username"
          autocomplete="username"
          value={props.email}
          class="sr-only"
          tabindex={-1}
          aria-hidden="true"
          readonly
        />
        <NewPasswordFields a={a} errors={props.errors} />
        <div class="actions">
          <button class="btn" type="submit">
            {r.reset.submit}
          </button>
        </div>
      </form>
    </div>
  );
}

/** A person's own name and e-mail; a new e-mail (the login) needs the current password. */
export function ProfileForm(props: {
  r: RecoveryMessages;
  values: { name: string; email: string };
  errors: FieldErrors;
  saved: boolean;
}) {
  const { r, values, errors } = props;
  const p = r.profile;
  return (
    <form method="post" action="/admin/account/profile" class="panel" novalidate>
      <CsrfField />
      <h2 class="panel-title">{p.title}</h2>
      {props.saved && (
        <div class="alert ok" role="status">
          {p.saved}
        </div>
      )}
      <Field id="profile-name" label={p.name} error={errors.name}>
        <input
          id="profile-name"
          name="name"
          type="text"
          autocomplete="name"
          required
          maxlength={80}
          value={values.name}
          aria-invalid={invalid(errors.name)}
        />
      </Field>
      <Field id="profile-email" label={p.email} error={errors.email}>
        <input
          id="profile-email"
          name="email"
          type="email"
          autocomplete="email"
          required
          maxlength={200}
          value={values.email}
          aria-invalid={invalid(errors.email)}
        />
      </Field>
      <Field id="profile-current" label={p.current} hint={p.currentHint} error={errors.profileCurrent}>
        <input
          id="profile-current"
          name="current"
          type="password"
          autocomplete="current-password"
          maxlength={200}
          aria-invalid={invalid(errors.profileCurrent)}
        />
      </Field>
      <div class="actions">
        <button class="btn" type="submit">
          {p.submit}
        </button>
      </div>
    </form>
  );
}
