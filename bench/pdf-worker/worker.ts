import robotoBold from '@expo-google-fonts/roboto/700Bold/Roboto_700Bold.ttf';
import robotoRegular from '@expo-google-fonts/roboto/400Regular/Roboto_400Regular.ttf';
import { renderBatchPdf, type CardFormat } from '../../src/pdf/render';
// @ts-expect-error plain JavaScript module without types
import { bareRender } from '../pdf-bare.mjs';

const fontBytes = { regular: robotoRegular, bold: robotoBold };

/** Cards as a real batch has them: distinct 10-character codes, upper-case URLs. */
function cards(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const code = `B${String(i).padStart(9, '0')}`;
    return { code, reviewUrl: `HTTPS://Q.EXAMPLE.RU/R/${code}`, complaintUrl: `HTTPS://Q.EXAMPLE.RU/C/${code}` };
  });
}

/** GET /ours?count=4&format=a4-4up or /bare?...: renders and answers the PDF; /noop measures a request's own cost. */
export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/noop') return new Response(null, { status: 204 });
    const count = Math.min(1000, Math.max(1, Number(url.searchParams.get('count') ?? 4)));
    const format = (url.searchParams.get('format') === 'a6' ? 'a6' : 'a4-4up') as CardFormat;
    const list = cards(count);
    const pdf: Uint8Array =
      url.pathname === '/bare'
        ? await bareRender({ format, cards: list, fontBytes })
        : await renderBatchPdf({ format, templateId: 'classic', locationName: 'Пекарня «Колобок»', cards: list });
    return new Response(pdf, { headers: { 'content-type': 'application/pdf' } });
  },
};
