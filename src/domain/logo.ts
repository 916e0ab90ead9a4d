/** A location's logo as uploaded: PNG or JPEG, at most 512 KB, with its pixel size read from the file. */

export const MAX_LOGO_BYTES = 512 * 1024;

export interface LogoInfo {
  type: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

/** The image's type and size from its own bytes (never from the request's content type), or null. */
export function sniffLogo(bytes: Uint8Array): LogoInfo | null {
  if (bytes.length > 24 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const width = view.getUint32(16);
    const height = view.getUint32(20);
    return width > 0 && height > 0 ? { type: 'image/png', width, height } : null;
  }
  if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return null;
      const marker = bytes[i + 1]!;
      const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
      // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        const height = (bytes[i + 5]! << 8) | bytes[i + 6]!;
        const width = (bytes[i + 7]! << 8) | bytes[i + 8]!;
        return width > 0 && height > 0 ? { type: 'image/jpeg', width, height } : null;
      }
      i += 2 + length;
    }
  }
  return null;
}
