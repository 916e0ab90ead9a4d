/** '#RRGGBB' (or '#RGB') to the 0..1 triple pdf-lib's colour operators take. */
export function rgb01(hex: string): [number, number, number] {
  let h = hex.startsWith('#') ? hex.slice(1) : hex;
  if (h.length === 3) h = h.replace(/./g, (c) => c + c);
  if (!/^[0-9a-fA-F]{6}$/.test(h)) throw new Error(`not a colour: ${hex}`);
  const n = parseInt(h, 16);
  const to01 = (v: number) => Math.round((v / 255) * 1000) / 1000;
  return [to01((n >> 16) & 255), to01((n >> 8) & 255), to01(n & 255)];
}
