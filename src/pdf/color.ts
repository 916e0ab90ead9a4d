/** '#RRGGBB' (or '#RGB') to the 0..1 triple pdf-lib's colour operators take. */
export function rgb01(hex: string): [number, number, number] {
  let h = hex.startsWith('#') ? hex.slice(1) : hex;
  if (h.length === 3) h = h.replace(/./g, (c) => c + c);
  if (!/^[0-9a-fA-F]{6}$/.test(h)) throw new Error(`not a colour: ${hex}`);
  const n = parseInt(h, 16);
  const to01 = (v: number) => Math.round((v / 255) * 1000) / 1000;
  return [to01((n >> 16) & 255), to01((n >> 8) & 255), to01(n & 255)];
}

/**
 * '#RRGGBB' to DeviceCMYK 0..1 with full grey component replacement: neutral colours, black
 * above all, are K only (a QR code or black text is 100 % K, never a rich black), and white is
 * no ink at all. Colours print as close as an uncalibrated conversion gets; the README tells a
 * print shop what to expect.
 */
export function cmyk(hex: string): [number, number, number, number] {
  const [r, g, b] = rgb01(hex);
  const k = 1 - Math.max(r, g, b);
  if (k >= 1 - 1e-9) return [0, 0, 0, 1];
  const part = (v: number) => Math.round(((1 - v - k) / (1 - k)) * 1000) / 1000;
  return [part(r), part(g), part(b), Math.round(k * 1000) / 1000];
}
