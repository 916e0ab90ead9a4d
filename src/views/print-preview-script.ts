/**
 * A block of a page that the server re-renders when some of a form's fields change: the print
 * page's sample card, the location form's fit check. The page shows the block without script
 * (rendered with the page); this only swaps in a fresh one. The query carries those fields and
 * the form's `data-live-*` attributes (e.g. `data-live-location="5"` sends `location=5`).
 */
function liveBlockScript(options: {
  form: string;
  endpoint: string;
  fields: string[];
  block: string;
  event: 'change' | 'input';
  delayMs: number;
}): string {
  return `(() => {
  const form = document.querySelector(${JSON.stringify(options.form)});
  if (!form) return;
  const fields = ${JSON.stringify(options.fields)};
  let pending = 0;
  let timer = 0;
  const refresh = async () => {
    const data = new FormData(form);
    const query = new URLSearchParams();
    for (const name of fields) query.set(name, String(data.get(name) || ''));
    for (const [key, value] of Object.entries(form.dataset)) {
      if (key.startsWith('live') && key.length > 4) query.set(key.charAt(4).toLowerCase() + key.slice(5), String(value));
    }
    const ticket = ++pending;
    const res = await fetch(${JSON.stringify(options.endpoint)} + '?' + query, { credentials: 'same-origin' });
    if (!res.ok || ticket !== pending) return;
    const html = await res.text();
    const current = document.getElementById(${JSON.stringify(options.block)});
    if (current) current.outerHTML = html;
  };
  form.addEventListener(${JSON.stringify(options.event)}, (event) => {
    const name = event.target && event.target.name;
    if (!fields.includes(name)) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, ${options.delayMs});
  });
})();
`;
}

/** The print page: the sample card follows the location, design and format. */
export const PREVIEW_SCRIPT = liveBlockScript({
  form: 'form[action="/admin/print"]',
  endpoint: '/admin/print/preview',
  fields: ['location', 'template', 'format'],
  block: 'print-preview',
  event: 'change',
  delayMs: 0,
});

/** The location form: what fits on the card follows the texts as they are typed. */
export const CARD_TEXT_FIT_SCRIPT = liveBlockScript({
  form: 'form[data-live-fit]',
  endpoint: '/admin/locations/fit',
  fields: ['name', 'headline', 'reviewCaption', 'complaintCaption', 'footer', 'primary'],
  block: 'card-text-fit',
  event: 'input',
  delayMs: 250,
});
