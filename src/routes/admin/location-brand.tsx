import { Hono } from 'hono';
import { TEMPLATES, getTemplate } from '../../pdf/templates';
import { requirePermission } from '../../auth/middleware';
import { getLocationBrand, saveBrandTexts } from '../../db/location-brand';
import { getLocation } from '../../db/locations';
import { brandContrastProblem, normaliseBrandColor } from '../../domain/brand';
import { normaliseText } from '../../domain/postcard-layout';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { fill, messages } from '../../i18n';
import { designInput, textFit } from '../../services/card-design';
import { checkLogo, LOGO_PROBLEM_STATUS, removeLocationLogo, setLocationLogo } from '../../services/logo';
import { publicOrigin } from '../../services/printing';
import { BrandPage, type BrandErrors } from '../../views/location-brand';

/** /admin/locations/:id/brand: the colour and back text of a location's cards. */
export const locationBrandRoutes = new Hono<AppEnv>();
locationBrandRoutes.use('*', requirePermission('locations'));

const MAX_BACK_TEXT = 300;

async function load(c: { env: AppEnv['Bindings']; req: { param: (k: 'id') => string } }) {
  const id = Number(c.req.param('id'));
  const location = Number.isSafeInteger(id) && id > 0 ? await getLocation(c.env.DB, id) : null;
  if (!location) throw notFound('no such location');
  return { location, brand: await getLocationBrand(c.env.DB, location.id) };
}

locationBrandRoutes.get('/:id/brand', async (c) => {
  const { location, brand } = await load(c);
  const m = messages(c.get('locale')).brand;
  const logo = c.req.query('logo');
  return c.render(
    <BrandPage
      m={m}
      location={location}
      brand={brand}
      values={{ color: brand.brandColor ?? '', back: brand.backText ?? '' }}
      errors={{}}
      saved={c.req.query('saved') === '1'}
      logoNotice={logo === 'saved' || logo === 'deleted' ? logo : undefined}
    />,
    { title: fill(m.title, { name: location.name }), current: '/admin/locations' },
  );
});

/** The stored logo itself, for the brand page to show. */
locationBrandRoutes.get('/:id/brand/logo', async (c) => {
  const { brand } = await load(c);
  if (!brand.logo) throw notFound('no logo');
  return new Response(brand.logo.bytes, {
    headers: { 'content-type': brand.logo.type, 'cache-control': 'private, no-cache' },
  });
});

/** Upload from the brand page: the same checks and storage as PUT /api/v1/locations/<slug>/logo. */
locationBrandRoutes.post('/:id/brand/logo', async (c) => {
  const { location, brand } = await load(c);
  const m = messages(c.get('locale')).brand;
  const file = (await c.req.parseBody()).logo;
  const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
  const checked = await checkLogo(bytes);
  if ('problem' in checked) {
    const error = fill(m.logoErrors[checked.problem], { kb: Math.ceil(bytes.length / 1024) });
    c.status(LOGO_PROBLEM_STATUS[checked.problem]);
    return c.render(
      <BrandPage
        m={m}
        location={location}
        brand={brand}
        values={{ color: brand.brandColor ?? '', back: brand.backText ?? '' }}
        errors={{ logo: error }}
        saved={false}
      />,
      { title: fill(m.title, { name: location.name }), current: '/admin/locations' },
    );
  }
  await setLocationLogo(c.env.DB, location.id, checked.logo, Date.now());
  return c.redirect(`/admin/locations/${location.id}/brand?logo=saved#logo`, 303);
});

locationBrandRoutes.post('/:id/brand/logo/delete', async (c) => {
  const { location } = await load(c);
  await removeLocationLogo(c.env.DB, location.id, Date.now());
  return c.redirect(`/admin/locations/${location.id}/brand?logo=deleted#logo`, 303);
});

locationBrandRoutes.post('/:id/brand', async (c) => {
  const { location, brand } = await load(c);
  const m = messages(c.get('locale')).brand;
  const body = await c.req.parseBody();
  const values = { color: String(body.color ?? '').trim(), back: String(body.back ?? '').trim() };
  const errors: BrandErrors = {};
  const color = values.color === '' ? null : normaliseBrandColor(values.color);
  if (values.color !== '' && !color) errors.color = m.errors.color;
  else if (color) {
    const problem = brandContrastProblem(
      color,
      TEMPLATES.map((t) => getTemplate(t.id)!),
    );
    if (problem)
      errors.color = fill(m.errors.contrast, {
        ratio: problem.ratio.toFixed(1),
        design: getTemplate(problem.design)!.name[c.get('locale')],
      });
  }
  const back = normaliseText(values.back);
  if (back.length > MAX_BACK_TEXT) errors.back = m.errors.backLong;
  else if (back) {
    // Refused when any design would print it cut.
    for (const t of TEMPLATES) {
      const cut = textFit(
        { ...designInput(location, { ...brand, backText: back }, 'a6', t.id) },
        publicOrigin(c.env, c.req.url) ?? 'https://q.example.ru',
      ).find((p) => p.field === 'backText');
      if (cut) {
        errors.back = fill(m.errors.backCut, { design: t.name[c.get('locale')], kept: cut.kept, total: cut.total });
        break;
      }
    }
  }
  if (Object.keys(errors).length > 0) {
    c.status(400);
    return c.render(
      <BrandPage m={m} location={location} brand={brand} values={values} errors={errors} saved={false} />,
      { title: fill(m.title, { name: location.name }), current: '/admin/locations' },
    );
  }
  await saveBrandTexts(c.env.DB, location.id, color, back || null, Date.now());
  return c.redirect(`/admin/locations/${location.id}/brand?saved=1`, 303);
});
