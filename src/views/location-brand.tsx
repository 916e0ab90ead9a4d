import type { LocationBrand } from '../domain/location-brand';
import type { LocationWithLinks } from '../domain/locations';
import { fill } from '../i18n';
import type { brandText } from '../i18n/brand';
import { CsrfField, Field } from './layout';

export type BrandErrors = Partial<Record<'color' | 'back', string>>;

export function BrandPage(props: {
  m: (typeof brandText)['ru'] | (typeof brandText)['en'];
  location: LocationWithLinks;
  brand: LocationBrand;
  values: { color: string; back: string };
  errors: BrandErrors;
  saved: boolean;
  csrfToken?: string;
}) {
  const { m, values, errors, brand, location } = props;
  return (
    <>
      <h1>{fill(m.title, { name: location.name })}</h1>
      {props.saved && <div class="alert ok" role="status">{m.saved}</div>}
      <p class="muted">{m.intro}</p>
      <form method="post" action={`/admin/locations/${location.id}/brand`} class="panel" novalidate>
        <CsrfField token={props.csrfToken} />
        <Field id="color" label={m.color} hint={m.colorHint} error={errors.color}>
          <input id="color" name="color" type="text" value={values.color} maxlength={7} placeholder="#1F4E5A" aria-invalid={errors.color ? 'true' : undefined} />
        </Field>
        <Field id="back" label={m.back} hint={m.backHint} error={errors.back}>
          <textarea id="back" name="back" rows={4} maxlength={600} aria-invalid={errors.back ? 'true' : undefined}>{values.back}</textarea>
        </Field>
        <div class="actions">
          <button class="btn" type="submit">{m.save}</button>
          <a class="btn secondary" href={`/admin/print?location=${encodeURIComponent(location.slug)}`}>{m.toPrint}</a>
        </div>
      </form>
      <div class="panel">
        <h2>{m.logo}</h2>
        <p>{brand.logo ? fill(m.logoSet, { width: brand.logo.width, height: brand.logo.height }) : m.logoNone}</p>
        <p class="muted small">{fill(m.logoHow, { slug: location.slug })}</p>
      </div>
    </>
  );
}
