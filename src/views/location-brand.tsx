import type { LocationBrand } from '../domain/location-brand';
import type { LocationWithLinks } from '../domain/locations';
import { fill, type Messages } from '../i18n';
import { CsrfField, Field } from './layout';

export type BrandErrors = Partial<Record<'color' | 'back' | 'logo', string>>;

export function BrandPage(props: {
  m: Messages['brand'];
  location: LocationWithLinks;
  brand: LocationBrand;
  values: { color: string; back: string };
  errors: BrandErrors;
  saved: boolean;
  /** After a logo upload or removal. */
  logoNotice?: 'saved' | 'deleted';
}) {
  const { m, values, errors, brand, location } = props;
  return (
    <>
      <h1>{fill(m.title, { name: location.name })}</h1>
      {props.saved && (
        <div class="alert ok" role="status">
          {m.saved}
        </div>
      )}
      <p class="muted">{m.intro}</p>
      <form method="post" action={`/admin/locations/${location.id}/brand`} class="panel" novalidate>
        <CsrfField />
        <Field id="color" label={m.color} hint={m.colorHint} error={errors.color}>
          <input
            id="color"
            name="color"
            type="text"
            value={values.color}
            maxlength={7}
            placeholder="#1F4E5A"
            aria-invalid={errors.color ? 'true' : undefined}
          />
        </Field>
        <Field id="back" label={m.back} hint={m.backHint} error={errors.back}>
          <textarea id="back" name="back" rows={4} maxlength={600} aria-invalid={errors.back ? 'true' : undefined}>
            {values.back}
          </textarea>
        </Field>
        <div class="actions">
          <button class="btn" type="submit">
            {m.save}
          </button>
          <a class="btn secondary" href={`/admin/print?location=${encodeURIComponent(location.slug)}`}>
            {m.toPrint}
          </a>
        </div>
      </form>
      <div class="panel" id="logo">
        <h2>{m.logo}</h2>
        {props.logoNotice && (
          <div class="alert ok" role="status">
            {props.logoNotice === 'saved' ? m.logoSaved : m.logoDeleted}
          </div>
        )}
        {brand.logo ? (
          <>
            <p class="logo-current">
              <img
                src={`/admin/locations/${location.id}/brand/logo`}
                alt={m.logoAlt}
                width={brand.logo.width}
                height={brand.logo.height}
              />
            </p>
            <p>{fill(m.logoSet, { width: brand.logo.width, height: brand.logo.height })}</p>
          </>
        ) : (
          <p>{m.logoNone}</p>
        )}
        <form
          method="post"
          action={`/admin/locations/${location.id}/brand/logo`}
          enctype="multipart/form-data"
          novalidate
        >
          <CsrfField />
          <Field id="logo-file" label={m.logoFile} hint={m.logoFileHint} error={errors.logo}>
            <input
              id="logo-file"
              name="logo"
              type="file"
              accept="image/png,image/jpeg"
              aria-invalid={errors.logo ? 'true' : undefined}
            />
          </Field>
          <div class="actions">
            <button class="btn" type="submit">
              {m.logoUpload}
            </button>
          </div>
        </form>
        {brand.logo && (
          <form method="post" action={`/admin/locations/${location.id}/brand/logo/delete`}>
            <CsrfField />
            <div class="actions">
              <button class="btn secondary" type="submit">
                {m.logoDelete}
              </button>
            </div>
          </form>
        )}
        <p class="muted small">{fill(m.logoHow, { slug: location.slug })}</p>
      </div>
    </>
  );
}
