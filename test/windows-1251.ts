/**
 * Encodes text as Excel in a Russian locale saves a CSV: Windows-1251, the Russian alphabet at
 * 0xC0–0xFF (Ё 0xA8, ё 0xB8), ASCII as it is. Written apart from the app's decoder, so a test that
 * feeds these bytes to the import checks the decoder instead of agreeing with it.
 */
export function windows1251(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => {
    const code = char.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    if (char === 'Ё') return 0xa8;
    if (char === 'ё') return 0xb8;
    throw new Error(`not in this Windows-1251 encoder: ${char}`);
  });
}
