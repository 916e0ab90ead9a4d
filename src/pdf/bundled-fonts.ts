import robotoBold from '@expo-google-fonts/roboto/700Bold/Roboto_700Bold.ttf';
import robotoRegular from '@expo-google-fonts/roboto/400Regular/Roboto_400Regular.ttf';
import type { CardFonts } from './fonts';
import { fontBytes } from './fonts';

/**
 * Roboto (OFL-1.1), bundled by wrangler's Data rule for *.ttf as ArrayBuffers. Roboto survives
 * @pdf-lib/fontkit's subsetting intact (pdf-lib #1232 breaks PT Sans and Noto Sans); the glyph
 * test in test/pdf guards that.
 */
export function loadFonts(): CardFonts {
  return { regular: fontBytes(robotoRegular), bold: fontBytes(robotoBold) };
}
