import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, createLocation, createToken, ORIGIN, signIn } from '../helpers';

/** A small real PNG (solid colour), built with the runtime's own deflate; `damage` breaks its image data. */
async function png(width: number, height: number, damage = false): Promise<Uint8Array> {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Uint8Array) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const u32 = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
  const cat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  const chunk = (type: string, data: Uint8Array) => {
    const body = cat(new TextEncoder().encode(type), data);
    return cat(u32(data.length), body, u32(crc(body)));
  };
  const rows = new Uint8Array((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) rows.set([30, 78, 90], y * (width * 3 + 1) + 1 + x * 3);
  const deflated = damage
    ? new Uint8Array([0x78, 0x9c, 0xff, 0xff, 0xff, 0x00, 0x13])
    : new Uint8Array(
        await new Response(new Blob([rows]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer(),
      );
  const ihdr = cat(u32(width), u32(height), new Uint8Array([8, 2, 0, 0, 0]));
  return cat(
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflated),
    chunk('IEND', new Uint8Array()),
  );
}

type Session = { cookie: string; csrf: string };

/** The brand page's upload form, posted as a browser posts a file input (multipart, with the CSRF token). */
function upload(id: number, session: Session, file: Blob | null, options: { csrf?: string; lang?: 'en' } = {}) {
  const form = new FormData();
  form.set('_csrf', options.csrf ?? session.csrf);
  if (file) form.set('logo', file, 'logo.png');
  return call(`/admin/locations/${id}/brand/logo${options.lang ? `?lang=${options.lang}` : ''}`, {
    method: 'POST',
    headers: { origin: ORIGIN, cookie: session.cookie },
    body: form,
  });
}

function removeLogo(id: number, session: Session) {
  return call(`/admin/locations/${id}/brand/logo/delete`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie: session.cookie },
    body: new URLSearchParams({ _csrf: session.csrf }),
  });
}

const brandPage = async (id: number, session: Session) =>
  (await call(`/admin/locations/${id}/brand`, { headers: { cookie: session.cookie } })).text();
const storedLogo = async (id: number) =>
  env.DB.prepare(
    'SELECT logo_type, logo_width, logo_height FROM location_brand WHERE location_id = ?1 AND logo IS NOT NULL',
  )
    .bind(id)
    .first();
const pdfText = async (res: Response) => new TextDecoder('latin1').decode(await res.arrayBuffer());

describe('logo upload on the brand page', () => {
  it('offers a PNG/JPEG file input in a multipart form with the CSRF token, and says there is no logo yet', async () => {
    const session = await signIn('manager');
    const { id } = await createLocation();
    const page = await brandPage(id, session);
    const form = /<form[^>]*action="\/admin\/locations\/\d+\/brand\/logo"[^>]*>[\s\S]*?<\/form>/.exec(page)?.[0] ?? '';
    expect(form).toContain('enctype="multipart/form-data"');
    expect(form).toMatch(/<input[^>]*type="file"[^>]*accept="image\/png,image\/jpeg"/);
    expect(form).toContain(`name="_csrf" value="${session.csrf}"`);
    expect(page).toContain('Логотипа нет.');
    expect(page).not.toContain('Удалить логотип');
  });

  it('stores an uploaded PNG, shows it on the page, prints it on the cards, and "Удалить логотип" removes it', async () => {
    const session = await signIn('manager');
    const { id, slug } = await createLocation();
    const image = await png(60, 30);
    const res = await upload(id, session, new Blob([image], { type: 'image/png' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/locations/${id}/brand?logo=saved#logo`);
    expect(await storedLogo(id)).toEqual({ logo_type: 'image/png', logo_width: 60, logo_height: 30 });

    const page = await (
      await call(`/admin/locations/${id}/brand?logo=saved`, { headers: { cookie: session.cookie } })
    ).text();
    expect(page).toContain('Логотип сохранён.');
    expect(page).toContain(`<img src="/admin/locations/${id}/brand/logo"`);
    expect(page).toContain('60×30');
    expect(page).toContain('Удалить логотип');
    const shown = await call(`/admin/locations/${id}/brand/logo`, { headers: { cookie: session.cookie } });
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await shown.arrayBuffer())).toEqual(image);

    const token = await createToken('owner');
    const preview = await call(`/api/v1/preview?location=${slug}&format=a6`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await pdfText(preview)).toContain('/Subtype /Image');

    const removed = await removeLogo(id, session);
    expect(removed.status).toBe(303);
    expect(await storedLogo(id)).toBeNull();
    expect(await brandPage(id, session)).toContain('Логотипа нет.');
    expect((await call(`/admin/locations/${id}/brand/logo`, { headers: { cookie: session.cookie } })).status).toBe(404);
  });

  it.each([
    [
      'too large',
      413,
      async () => {
        const big = new Uint8Array(600 * 1024);
        big.set(await png(4, 4));
        return big;
      },
      'Файл слишком большой: 600 КБ',
      'The file is too large: 600 KB',
    ],
    [
      'not PNG or JPEG',
      415,
      async () => new TextEncoder().encode('GIF89a not really an image'),
      'Это не PNG и не JPEG',
      'This is neither PNG nor JPEG',
    ],
    ['damaged', 422, async () => png(8, 8, true), 'Изображение повреждено', 'The image is damaged'],
  ] as const)(
    'refuses a %s file with a %i and says why, in Russian and in English',
    async (_, status, bytes, ru, en) => {
      const session = await signIn('manager');
      const { id } = await createLocation();
      const file = new Blob([await bytes()], { type: 'image/png' });
      const res = await upload(id, session, file);
      expect(res.status).toBe(status);
      const page = await res.text();
      expect(page).toContain(ru);
      expect(page).toMatch(/<input[^>]*type="file"[^>]*aria-invalid="true"/);
      const english = await upload(id, session, file, { lang: 'en' });
      expect(english.status).toBe(status);
      expect(await english.text()).toContain(en);
      expect(await storedLogo(id)).toBeNull();
    },
  );

  it('asks for a file when none was chosen', async () => {
    const session = await signIn('manager');
    const { id } = await createLocation();
    const res = await upload(id, session, null);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Выберите файл PNG или JPEG.');
  });

  it('keeps the logo when the CSRF token is wrong, and refuses staff', async () => {
    const manager = await signIn('manager');
    const { id } = await createLocation();
    const image = new Blob([await png(10, 10)], { type: 'image/png' });
    expect((await upload(id, manager, image, { csrf: 'forged' })).status).toBe(403);
    expect(await storedLogo(id)).toBeNull();
    const staff = await signIn('staff');
    expect((await upload(id, staff, image)).status).toBe(403);
    expect(await storedLogo(id)).toBeNull();
  });
});
