/**
 * The customer's complaint pages have their own tiny stylesheet (/assets/public.css), so a
 * phone on a slow network loads only what these pages use. Colours meet WCAG 2.2 AA: text
 * at least 4.5:1, control borders and focus rings at least 3:1; every tap target is 48 px or more.
 */
export const PUBLIC_STYLESHEET = `
:root{--ink:#1c2430;--muted:#505b69;--line:#6f7b8a;--bg:#f4f6f9;--accent:#0a5fb4;--bad:#b3261e;--good:#17692f}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:34rem;margin:0 auto;padding:1rem 1rem 2rem}
a{color:var(--accent)}
a,button,input,textarea{touch-action:manipulation}
:focus-visible{outline:3px solid #c25e00;outline-offset:2px}
.biz{padding:.25rem 0 .75rem;border-bottom:1px solid #d5dbe3;margin-bottom:1rem}
.biz-name{font-weight:700;margin:0}
.biz-addr{color:var(--muted);font-size:.9375rem;margin:0}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .5rem}
p{margin:.5rem 0}
.lead{color:var(--muted)}
.reasons{border:0;margin:1rem 0;padding:0;display:grid;gap:.625rem}
.reason{display:flex;justify-content:space-between;align-items:center;gap:.75rem;width:100%;min-height:3.5rem;padding:.875rem 1rem;text-align:left;font:inherit;font-weight:600;color:var(--ink);
background:#fff;border:2px solid var(--line);border-radius:12px;cursor:pointer}
.reason::after{content:"›";font-size:1.5rem;line-height:1;color:var(--muted)}
.reason:hover,.reason:active{border-color:var(--accent);background:#eef5fc}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.panel{background:#fff;border:1px solid #d5dbe3;border-radius:12px;padding:1rem;margin:1rem 0}
label{display:block;font-weight:600;margin:1rem 0 .25rem}.panel label[for=comment]{margin-top:0}
.hint{display:block;font-weight:400;color:var(--muted);font-size:.9375rem}
input[type=text],textarea{width:100%;font:inherit;padding:.75rem;min-height:3rem;border:2px solid var(--line);border-radius:10px;background:#fff;color:var(--ink)}
textarea{min-height:7rem;resize:vertical}
[aria-invalid=true]{border-color:var(--bad)}
.check{display:flex;gap:.75rem;align-items:flex-start;font-weight:400;min-height:3rem;padding:.5rem 0;margin:.75rem 0 0}
.check input{flex:0 0 auto;width:1.5rem;height:1.5rem;margin:.125rem 0 0;accent-color:var(--accent)}
.field-error{color:var(--bad);font-weight:600;margin:.25rem 0 0}
.btn{display:flex;align-items:center;justify-content:center;width:100%;min-height:3.25rem;padding:.75rem 1rem;margin-top:1rem;border-radius:10px;
border:2px solid var(--accent);background:var(--accent);color:#fff;font:inherit;font-weight:700;text-decoration:none;cursor:pointer}
.btn.plain{background:#fff;color:var(--accent)}
.alert{border:2px solid var(--bad);background:#fdf0ef;color:#7a1a13;border-radius:10px;padding:.75rem 1rem;margin:1rem 0}
.done{border-left:4px solid var(--good);padding-left:.75rem}
.reach a{display:inline-flex;align-items:center;min-height:3rem;font-weight:600}
.doc{white-space:pre-line;background:#fff;border:1px solid #d5dbe3;border-radius:12px;padding:1rem}
.foot{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin-top:1.5rem;font-size:.9375rem}
.foot a{display:inline-flex;align-items:center;min-height:3rem}
.reply{background:#fff;border:1px solid #d5dbe3;border-left:4px solid var(--accent);border-radius:12px;padding:.75rem 1rem;margin:0 0 1rem}
.reply h2{font-size:1.0625rem;margin:0 0 .25rem}.reply-text{white-space:pre-line;overflow-wrap:anywhere;margin:.25rem 0}.reply-time{color:var(--muted);font-size:.9375rem;margin:0}
.reply-wait{color:var(--muted);border:1px dashed #aab4c0;border-radius:12px;padding:.75rem 1rem;margin:1rem 0}
`;
