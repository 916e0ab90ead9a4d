/**
 * Re-renders the print page's sample card when the location, design or format changes. The page
 * shows the sample without it (server-rendered SVG); this only swaps in a fresh block.
 */
export const PREVIEW_SCRIPT = `(() => {
  const form = document.querySelector('form[action="/admin/print"]');
  if (!form) return;
  let pending = 0;
  const refresh = async () => {
    const data = new FormData(form);
    const query = new URLSearchParams({ location: String(data.get('location') || ''), template: String(data.get('template') || ''), format: String(data.get('format') || '') });
    const ticket = ++pending;
    const res = await fetch('/admin/print/preview?' + query, { credentials: 'same-origin' });
    if (!res.ok || ticket !== pending) return;
    const html = await res.text();
    const current = document.getElementById('print-preview');
    if (current) current.outerHTML = html;
  };
  form.addEventListener('change', (event) => {
    const name = event.target && event.target.name;
    if (name === 'location' || name === 'template' || name === 'format') refresh();
  });
})();
`;
