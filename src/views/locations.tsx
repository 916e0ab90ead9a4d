import { fill, type Messages } from '../i18n';
import type { LocationWithLinks } from '../domain/locations';
import type { LocationFieldError, LocationFormValues } from '../domain/location-form';
import { EXAMPLE_LINKS, PLATFORMS } from '../domain/review-links';
import { canonicalTimeZone, offsetSecondsAt, RUSSIAN_TIME_ZONES } from '../domain/time';
import { WEEKDAYS } from '../domain/working-time';
import { CsrfField, Field, PostButton } from './layout';
import type { DesignFitProblem } from '../services/card-design';
import { CardTextFit } from './card-text-fit';
import { useT } from './request';

export function LocationsList(props: {
  locations: LocationWithLinks[];
  saved: boolean;
  /** after archiving or restoring one */
  notice?: string;
  /** owners archive and restore */
  canArchive: boolean;
  archiveT: Messages['locationArchive'];
  ownerTimeZone: string;
}) {
  const t = useT();
  const m = t.admin.locations;
  const x = props.archiveT;
  const active = props.locations.filter((l) => l.archivedAt === null);
  const archived = props.locations.filter((l) => l.archivedAt !== null);
  return (
    <>
      <h1>{m.title}</h1>
      <p class="muted">{m.intro}</p>
      {props.saved && (
        <div class="alert ok" role="status">
          {m.saved}
        </div>
      )}
      {props.notice && (
        <div class="alert ok" role="status">
          {props.notice}
        </div>
      )}
      {active.length === 0 ? (
        <div class="panel">{m.empty}</div>
      ) : (
        <div class="table-wrap">
          <table class="stack">
            <thead>
              <tr>
                <th>{m.name}</th>
                <th>{m.slug}</th>
                <th>{m.links}</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {active.map((location) => (
                <tr>
                  <td>
                    <strong>{location.name}</strong>
                    {location.address && <div class="muted small">{location.address}</div>}
                  </td>
                  <td data-label={m.slug}>
                    <code>{location.slug}</code>
                    <div class="muted small">{zoneLabel(location.timeZone, m.zoneNames[location.timeZone])}</div>
                  </td>
                  <td data-label={m.links}>
                    {location.reviewLinks.map((link) => (
                      <div class="small">
                        {m.platforms[link.platform]} {link.isPrimary && <span class="badge good">{m.primary}</span>}
                      </div>
                    ))}
                  </td>
                  <td>
                    <div class="inline-forms">
                      <a class="btn secondary" href={`/admin/locations/${location.id}`}>
                        {m.edit}
                      </a>
                      {props.canArchive && (
                        <PostButton
                          action={`/admin/locations/${location.id}/archive`}
                          label={x.archive}
                          class="btn secondary"
                        />
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canArchive && active.length > 0 && <p class="muted small">{x.archiveHint}</p>}
      <div class="actions">
        <a class="btn" href="/admin/locations/new">
          {m.add}
        </a>
      </div>
      {archived.length > 0 && (
        <section aria-labelledby="archived-locations">
          <h2 id="archived-locations">{x.archivedTitle}</h2>
          <p class="muted small">{x.archivedIntro}</p>
          <ul class="plain-list">
            {archived.map((location) => (
              <li class="archived-location">
                <span>
                  <strong>{location.name}</strong> <code>{location.slug}</code>{' '}
                  <span class="badge">{x.archivedBadge}</span> <a href={`/admin/locations/${location.id}`}>{m.edit}</a>
                </span>
                {props.canArchive && (
                  <PostButton action={`/admin/locations/${location.id}/restore`} label={x.restore} />
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {active.length > 1 && (
        <form method="post" action="/admin/locations/time-zone" class="panel">
          <CsrfField />
          <Field id="ownerTimeZone" label={m.ownerTimeZone} hint={m.ownerTimeZoneHint}>
            <select id="ownerTimeZone" name="timeZone">
              {zoneChoices(props.ownerTimeZone).map((zone) => (
                <option value={zone} selected={zone === props.ownerTimeZone}>
                  {zoneLabel(zone, m.zoneNames[zone])}
                </option>
              ))}
            </select>
          </Field>
          <div class="actions">
            <button class="btn secondary" type="submit">
              {t.common.save}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

export function LocationForm(props: {
  action: string;
  title: string;
  values: LocationFormValues;
  errors: Record<string, LocationFieldError>;
  /** What the card texts would lose, per design (the fit check under the texts). */
  fit: DesignFitProblem[];
  locale: 'ru' | 'en';
  /** The stored location being edited (its logo moves the texts); none for a new one. */
  locationId?: number;
}) {
  const t = useT();
  const m = t.admin.locations;
  const { values, errors } = props;
  const err = (key: string) => (errors[key] ? m.errors[errors[key]!] : undefined);
  const invalid = (key: string) => (errors[key] ? 'true' : undefined);
  const described = (key: string) => (errors[key] ? `${key}-error` : undefined);
  const text = (
    key: 'name' | 'address' | 'headline' | 'reviewCaption' | 'complaintCaption' | 'footer',
    label: string,
    hint?: string,
  ) => (
    <Field id={key} label={label} hint={hint} error={err(key)}>
      <input
        id={key}
        name={key}
        type="text"
        value={values[key]}
        maxlength={200}
        aria-invalid={invalid(key)}
        aria-describedby={described(key)}
      />
    </Field>
  );
  return (
    <>
      <h1>{props.title}</h1>
      {Object.keys(errors).length > 0 && (
        <div class="alert error" role="alert">
          {m.fixErrors}
        </div>
      )}
      <form
        method="post"
        action={props.action}
        class="panel"
        novalidate
        data-live-fit=""
        data-live-location={props.locationId === undefined ? undefined : String(props.locationId)}
      >
        <CsrfField />
        <div class="row">
          {text('name', m.name, m.nameHint)}
          <Field id="slug" label={m.slug} hint={m.slugHint} error={err('slug')}>
            <input
              id="slug"
              name="slug"
              type="text"
              value={values.slug}
              maxlength={40}
              autocapitalize="none"
              aria-invalid={invalid('slug')}
              aria-describedby={described('slug')}
            />
          </Field>
        </div>
        {text('address', m.address)}
        <div class="row wide">
          <Field id="timeZone" label={m.timeZone} hint={m.timeZoneHint} error={err('timeZone')}>
            <select
              id="timeZone"
              name="timeZone"
              aria-invalid={invalid('timeZone')}
              aria-describedby={described('timeZone')}
            >
              {zoneChoices(values.timeZone).map((zone) => (
                <option value={zone} selected={zone === values.timeZone}>
                  {zoneLabel(zone, m.zoneNames[zone])}
                </option>
              ))}
            </select>
          </Field>
          <Field id="handOutDays" label={m.handOutDays} hint={m.handOutDaysHint} error={err('handOutDays')}>
            <input
              id="handOutDays"
              name="handOutDays"
              type="number"
              inputmode="numeric"
              min={1}
              max={60}
              value={values.handOutDays}
              aria-invalid={invalid('handOutDays')}
              aria-describedby={described('handOutDays')}
            />
          </Field>
        </div>
        <fieldset>
          <legend>{m.hours}</legend>
          <p class="hint" id="hours-hint">
            {m.hoursHint}
          </p>
          <div class="choices">
            <label>
              <input type="checkbox" name="alwaysOpen" value="1" checked={values.alwaysOpen} /> {m.alwaysOpen}
            </label>
          </div>
          <div class="hours-grid">
            {WEEKDAYS.map((d) => (
              <Field id={`hours_${d}`} label={m.weekdays[d]} error={err(`hours_${d}`)}>
                <input
                  id={`hours_${d}`}
                  name={`hours_${d}`}
                  type="text"
                  value={values.hours[d]}
                  maxlength={200}
                  placeholder={m.dayOff}
                  aria-invalid={invalid(`hours_${d}`)}
                  aria-describedby={described(`hours_${d}`) ?? 'hours-hint'}
                />
              </Field>
            ))}
          </div>
          <Field id="holidays" label={m.holidays} hint={m.holidaysHint} error={err('holidays')}>
            <textarea
              id="holidays"
              name="holidays"
              rows={2}
              aria-invalid={invalid('holidays')}
              aria-describedby={described('holidays')}
            >
              {values.holidays}
            </textarea>
          </Field>
        </fieldset>
        <fieldset>
          <legend>{m.links}</legend>
          <p class="hint">{m.linksHint}</p>
          {PLATFORMS.map((platform) => (
            <div class="row">
              <Field
                id={`link_${platform}`}
                label={m.platforms[platform]}
                hint={EXAMPLE_LINKS[platform]}
                error={err(`link_${platform}`)}
              >
                <input
                  id={`link_${platform}`}
                  name={`link_${platform}`}
                  type="url"
                  inputmode="url"
                  value={values.links[platform]}
                  maxlength={600}
                  aria-invalid={invalid(`link_${platform}`)}
                  aria-describedby={described(`link_${platform}`)}
                />
              </Field>
              <div class="choices shrink">
                <label>
                  <input type="radio" name="primary" value={platform} checked={values.primary === platform} />{' '}
                  {m.primary}
                </label>
              </div>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{m.cardTexts}</legend>
          <p class="hint">{m.cardTextsHint}</p>
          {text('headline', m.headline)}
          <div class="row">
            {text('reviewCaption', m.reviewCaption)}
            {text('complaintCaption', m.complaintCaption)}
          </div>
          {text('footer', m.footer)}
          <CardTextFit locale={props.locale} problems={props.fit} />
        </fieldset>
        <div class="actions">
          <button class="btn" type="submit">
            {t.common.save}
          </button>
          <a class="btn secondary" href="/admin/locations">
            {t.common.cancel}
          </a>
          {props.action !== '/admin/locations/new' && (
            <a class="btn secondary" href={`${props.action}/brand`}>
              {t.admin.print.brandLink}
            </a>
          )}
          {props.action !== '/admin/locations/new' && (
            <a class="btn secondary" href={`${props.action}/replies`}>
              {t.admin.print.replyTemplatesLink}
            </a>
          )}
        </div>
      </form>
      <script src="/admin/locations/fit.js" defer></script>
    </>
  );
}

/** Russia's zones, plus the location's own when the API set another. */
function zoneChoices(current: string): string[] {
  const zones: string[] = [...RUSSIAN_TIME_ZONES];
  const known = canonicalTimeZone(current);
  return known === null || zones.includes(known) ? zones : [known, ...zones];
}

/** "Новосибирск (UTC+7)": the city and the offset now, as people say it. */
function zoneLabel(zone: string, name?: string): string {
  const offset = offsetSecondsAt(zone, Date.now()) / 60;
  const sign = offset < 0 ? '−' : '+';
  const h = Math.floor(Math.abs(offset) / 60);
  const min = Math.abs(offset) % 60;
  return `${name ?? zone.replace(/_/g, ' ')} (UTC${sign}${h}${min ? `:${String(min).padStart(2, '0')}` : ''})`;
}

export const editTitle = (t: Messages, name: string) => fill(t.admin.locations.editTitle, { name });
