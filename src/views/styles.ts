/**
 * The one stylesheet, served at /assets/app.css. Kept small (the complaint page must stay
 * under 30 KB on a slow phone); system fonts, no web fonts.
 */
export const STYLESHEET = `
:root{--ink:#1c2430;--muted:#5b6675;--line:#dde2e8;--bg:#f5f7fa;--card:#fff;--accent:#0b6bcb;--accent-ink:#fff;
--good:#1a7f37;--focus:#b45309;--warn:#b35900;--bad:#c4291c;--radius:10px;font-size:16px}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 .75rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
h3{font-size:1rem;margin:1rem 0 .25rem}
p{margin:.5rem 0}
.wrap{max-width:1080px;margin:0 auto;padding:1rem}
.narrow{max-width:480px}
.topbar{background:#14202e;color:#fff}
.topbar .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem;padding-top:.6rem;padding-bottom:.6rem;max-width:1240px}
.topbar a{color:#e6edf5;text-decoration:none;padding:.35rem .1rem}
.topbar a[aria-current=page]{color:#fff;border-bottom:2px solid #7cc0ff}
.brand{font-weight:700;margin-right:.5rem}
.nav-aux{display:flex;align-items:center;gap:.25rem .9rem;margin-left:auto;font-size:.875rem}
.topbar form{margin:0}
.linkish{background:none;border:0;color:#e6edf5;font:inherit;cursor:pointer;padding:.35rem .1rem}
.panel{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:1rem 1.25rem;margin:0 0 1rem}
.muted{color:var(--muted)}
.small{font-size:.875rem}
.grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(220px,1fr))}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
.hint{display:block;font-weight:400;color:var(--muted);font-size:.875rem;overflow-wrap:anywhere}
input[type=text],input[type=email],input[type=password],input[type=number],input[type=url],input[type=date],input[type=tel],select,textarea{
width:100%;font:inherit;padding:.6rem .7rem;border:1px solid #b9c2cd;border-radius:8px;background:#fff;color:var(--ink);min-height:44px}
textarea{min-height:6rem}
input[aria-invalid=true],select[aria-invalid=true],textarea[aria-invalid=true]{border-color:var(--bad);box-shadow:0 0 0 1px var(--bad)}
.field-error{color:var(--bad);font-size:.875rem;margin:.25rem 0 0}
.btn,button.btn{display:inline-flex;align-items:center;justify-content:center;gap:.4rem;min-height:44px;padding:.55rem 1.1rem;border-radius:8px;
border:1px solid var(--accent);background:var(--accent);color:var(--accent-ink);font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.btn.secondary{background:#fff;color:var(--accent)}
.btn.danger{background:#fff;color:var(--bad);border-color:var(--bad)}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1rem;align-items:center}
.alert{border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem;border:1px solid}
.alert.error{background:#fdecea;border-color:#f5c2bd;color:#7d1a11}
.alert.ok{background:#e8f5ec;border-color:#b7dfc2;color:#0f5223}
.alert.warn{background:#fff3e0;border-color:#f3d3a6;color:#6b3500}
table{width:100%;border-collapse:collapse;background:var(--card)}
th,td{text-align:left;padding:.55rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:var(--radius)}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:999px;font-size:.8rem;background:#eef1f5;color:var(--muted)}
.badge.bad{background:#fdecea;color:var(--bad)}.badge.good{background:#e8f5ec;color:var(--good)}.badge.warn{background:#fff3e0;color:var(--warn)}
.kpi{font-size:2rem;font-weight:700;line-height:1.1;font-variant-numeric:tabular-nums}
.row{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-start}
.row>.shrink{align-self:flex-end;padding-bottom:.35rem}
.row>*{flex:1 1 160px}
.row>.shrink{flex:0 0 auto}
.row.wide>*{flex-basis:240px}
.connect{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}.connect>div{flex:1 1 220px;min-width:0}svg.qr{width:180px;height:180px;flex:0 0 auto}.break{overflow-wrap:anywhere}
.hours-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,280px),1fr));gap:0 1rem}
fieldset{border:1px solid var(--line);border-radius:8px;padding:.5rem 1rem 1rem;margin:1rem 0;min-width:0}
legend{font-weight:600;padding:0 .3rem}
.choices label{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:.35rem 0}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.footer{color:var(--muted);font-size:.85rem;padding:2rem 1rem}
.scan-page{margin:12vh auto 0;padding:0 .5rem;text-align:center}.scan-page .actions{justify-content:center}.scan-page .btn{min-width:14rem}.scan-business{font-weight:700;font-size:1.1rem;margin-top:1rem}
.stat-card{margin:0}.stat-card h3{margin:0 0 .35rem;color:var(--muted);font-weight:600}.stat-card p{margin:0}
.stat-list{margin:.75rem 0 0;display:flex;gap:1.5rem}.stat-list dt{font-size:.8rem;color:var(--muted)}.stat-list dd{margin:0;font-weight:600;font-variant-numeric:tabular-nums}
.void-panel{margin-top:1.5rem}.void-panel h2{margin-top:0}
.stat-grid{display:grid;gap:.75rem;grid-template-columns:1fr 1fr}.void-fields{display:grid;gap:0 1rem;grid-template-columns:3fr 2fr}
@media (max-width:600px){.hide-phone{display:none}.void-fields{grid-template-columns:1fr}.stat-list{gap:.75rem;flex-wrap:wrap}.stat-card{padding:.75rem}}
tr.voided td{color:var(--muted)}tr.voided code{text-decoration:line-through}
@media (max-width:600px){.wrap{padding:.75rem}.brand{flex-basis:100%}fieldset{padding:.5rem .75rem .75rem}h1{font-size:1.35rem}.panel{padding:.85rem}}
@media print{.topbar,.actions,.no-print{display:none}body{background:#fff}.panel{border:0}}
.panel-title{margin:0 0 .25rem}.nowrap{white-space:nowrap}.narrow-wide{max-width:720px}
.inline-forms{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}.inline-form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:0}
.inline-form select{width:auto;max-width:16rem}.secret{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9rem}
.tiles{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));margin:0 0 1rem}
.tile{display:block;background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:.9rem 1rem;font-weight:600;text-decoration:none}
.tile:hover{border-color:var(--accent)}.facts{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:.5rem 0}.facts dt{color:var(--muted)}.facts dd{margin:0}
label.check{display:flex;gap:.5rem;align-items:center;font-weight:400}tr.is-revoked td{color:var(--muted)}
.role-select{max-width:100%}.role-legend{margin:.5rem 0 0;padding-left:1.1rem}textarea.secret{min-height:0;word-break:break-all;resize:none}
@media (max-width:600px){.facts{grid-template-columns:1fr;gap:0}.facts dd{margin:0 0 .5rem}}
input.sr-only{width:1px;min-height:0;padding:0;border:0}
.kpis{margin-bottom:1rem}.kpis .panel{margin:0}.kpis p{margin:0}.kpi-bad{border-color:#f5c2bd;background:#fff7f6}.kpi-bad .kpi{color:var(--bad)}
label.inline-check{display:inline-flex;gap:.5rem;align-items:center;font-weight:400;margin:0 1rem 0 0;min-height:44px}
tr.overdue td{background:#fff5f4}tr.overdue td:first-child{box-shadow:inset 4px 0 var(--bad)}.bad-text{color:var(--bad);font-weight:700}
td.clip{max-width:26ch;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.prewrap{white-space:pre-wrap;overflow-wrap:anywhere}
.complaint-grid{display:grid;gap:1rem;grid-template-columns:minmax(0,3fr) minmax(0,2fr)}.complaint-grid form+form{margin-top:1rem;border-top:1px solid var(--line);padding-top:.75rem}
.timeline{list-style:none;margin:0;padding:0}.timeline li{border-left:2px solid var(--line);padding:0 0 .85rem 1rem;margin-left:.3rem;position:relative}
.timeline li::before{content:"";position:absolute;left:-7px;top:.4rem;width:12px;height:12px;border-radius:50%;background:var(--accent)}
.plain-list{list-style:none;padding:0;margin:0}.plain-list li{padding:.4rem 0;border-bottom:1px solid var(--line)}
.reply-quote{margin:.25rem 0 1rem;padding:.5rem .75rem;border-left:4px solid var(--accent);background:#f4f8fd;border-radius:0 8px 8px 0}
.template-list{list-style:none;padding:0;margin:.25rem 0 1rem;display:flex;flex-wrap:wrap;gap:.5rem}.template-list li{max-width:100%}
.template-fill{display:inline-flex;align-items:center;min-height:44px;padding:.4rem .75rem;border:1px solid var(--line);border-radius:8px;background:#fff;text-decoration:none;overflow-wrap:anywhere}
.reason-list{list-style:none;padding:0;margin:1rem 0}.reason-list .panel{margin:0 0 .5rem}.reason-list .actions{margin-top:.5rem}
.reason-edit{display:flex;gap:.5rem}.reason-edit input{flex:1}.inline-form{margin:0}.archived-reason{display:flex;justify-content:space-between;align-items:center;gap:1rem}
.kpis{grid-template-columns:repeat(3,minmax(0,1fr))}.panel>h2:first-child{margin-top:0}.nowrap{white-space:nowrap}.complaint-grid .row>*{flex-basis:100%}
@media (max-width:700px){.complaint-grid{grid-template-columns:1fr}.hide-sm{display:none}.kpis{gap:.5rem}.kpis .panel{padding:.6rem}.kpis .kpi{font-size:1.35rem}.kpis .hint-sm{display:none}
table.inbox thead{display:none}table.inbox,table.inbox tbody{display:block}table.inbox tr{display:grid;grid-template-columns:1fr auto;gap:.2rem .75rem;padding:.6rem .75rem;border-bottom:1px solid var(--line)}
table.inbox td{display:block;border:0;padding:0}table.inbox td.num{text-align:right}
table.inbox tr{grid-template-areas:"when wait" "reason status" "comment comment" "loc contact"}.c-when{grid-area:when}.c-wait{grid-area:wait}
.c-reason{grid-area:reason;font-weight:600}.c-status{grid-area:status;text-align:right}.c-comment{grid-area:comment;max-width:none}
.c-loc{grid-area:loc}.c-contact{grid-area:contact;text-align:right}table.inbox .c-loc,table.inbox .c-contact{color:var(--muted);font-size:.875rem}}
/* Support Index page */
.page-head{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-start;justify-content:space-between}
.page-head h1{margin-bottom:.2rem}
.seg{display:flex;flex-wrap:wrap;gap:.35rem;margin:.5rem 0 1rem}
.seg a{padding:.35rem .8rem;border:1px solid var(--line);border-radius:999px;background:#fff;text-decoration:none;color:var(--ink);min-height:36px;display:inline-flex;align-items:center}
.seg a[aria-current=true]{background:var(--ink);border-color:var(--ink);color:#fff}
.panel-head{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem}
.panel-head h2{margin:.25rem 0}.panel-head .seg{margin:0}
.filters .row{margin-bottom:.25rem}.filters label{margin-top:.25rem}
.si-kpis{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));margin-bottom:.5rem}
.si-kpi-card{margin:0}.si-kpi-main{border-top:4px solid var(--accent)}
.si-kpi-label{font-size:.9rem;margin:0 0 .25rem;color:var(--muted);font-weight:600}
.si-kpis .kpi{font-size:2.4rem;margin:.1rem 0}.si-kpis p{margin:.25rem 0}.kpi-sm{font-size:1.5rem;font-weight:700;margin:.1rem 0}.si-bad{color:var(--bad)}
.si-kpi-card .badge{display:block;border-radius:8px;padding:.4rem .6rem;margin-top:.5rem}
.delta{margin:.35rem 0 0;font-weight:600}.delta.up-good{color:var(--good)}.delta.up-bad{color:var(--bad)}.delta.flat{color:var(--muted)}
.split{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(300px,1fr))}.split>.panel{margin:0 0 1rem}
.chart{margin:.5rem 0 1rem}.chart svg{max-width:100%;height:auto;display:block}.chart-title{font-weight:600;margin-bottom:.25rem}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.25rem 0}.legend span{display:inline-flex;align-items:center;gap:.35rem;white-space:nowrap}
.si-table tbody th{text-transform:none;letter-spacing:normal;font-size:.95rem;color:var(--ink);font-weight:600}
.chart details{margin-top:.35rem}.chart summary{cursor:pointer;color:var(--accent);font-size:.875rem}
.empty{border-style:dashed;text-align:center}
.result-list{margin:.5rem 0;padding-left:1.2rem}
.chart .chart-narrow{display:none}@media (max-width:600px){.chart .chart-wide{display:none}.chart .chart-narrow{display:block}}
.hbar-list{list-style:none;margin:0;padding:0}.hbar-list li{margin:0 0 .65rem}.hbar-label{display:block;font-size:.92rem}
.hbar-mark{margin-left:.4rem;font-size:.72rem;font-weight:700;color:var(--bad);background:#fdecea;border-radius:999px;padding:.05rem .45rem;white-space:nowrap}.hbar-mark.quiet{color:var(--muted);background:#eef1f4}
.hbar-row{display:flex;align-items:center;gap:.6rem}.hbar{flex:0 0 58%;max-width:520px;display:block}.hbar-caption{font-size:.85rem;font-variant-numeric:tabular-nums;line-height:1.25}.hbar-note{display:block;font-size:.78rem;color:var(--muted)}
.filters summary{cursor:pointer;font-weight:600;color:var(--accent);min-height:32px}.filters[open] summary{margin-bottom:.25rem}
.filters input[type=month]{width:100%;font:inherit;padding:.6rem .7rem;border:1px solid #b9c2cd;border-radius:8px;background:#fff;min-height:44px}
.code-sample{background:#f0f3f7;border:1px solid var(--line);border-radius:8px;padding:.5rem .75rem;overflow-x:auto;white-space:pre}
.preview-cards{display:flex;flex-wrap:wrap;gap:1rem;margin:.5rem 0}.preview-cards figure{margin:0;flex:1 1 260px;max-width:340px}
.card-preview{display:block;width:100%;height:auto;border:1px solid var(--line);border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.12);background:#fff}
@media print{.si-kpis{grid-template-columns:repeat(3,1fr)}.panel,.chart{break-inside:avoid}}
.pending-review .pending-meta,.pending-review .pending-subject{margin:0 0 .25rem;overflow-wrap:anywhere}.pending-excerpt{margin:0 0 .5rem;overflow-wrap:anywhere}
.pending-review.asked{background:#fff8e1}.code-sample.prewrap{white-space:pre-wrap;overflow-wrap:anywhere}.verdicts select{max-width:100%}
/* Tables on a phone: every row a card of "label value" lines (a cell's label is its data-label);
   .fits keeps a narrow table (a batch's cards) as it is */
body{overflow-wrap:break-word}tbody :is(td,th){overflow-wrap:anywhere}tbody :is(td,th):not(:first-child) :is(a,.btn){overflow-wrap:normal}.badge{white-space:nowrap}td.num,th.num,td code{overflow-wrap:normal}td.num{white-space:nowrap}.facts dd{min-width:0;overflow-wrap:anywhere}
@media (max-width:640px){:where(.table-wrap:not(.fits)) thead{display:none}:where(.table-wrap:not(.fits)) :is(table,tbody,tr){display:block}
:where(.table-wrap:not(.fits)) tr{border-bottom:1px solid var(--line);padding:.45rem .75rem}:where(.table-wrap:not(.fits)) tr:last-child{border-bottom:0}
:where(.table-wrap:not(.fits)) :is(td,th){display:block;border:0;padding:.15rem 0;text-align:left}:where(.table-wrap:not(.fits)) td.num{text-align:left}
:where(.table-wrap:not(.fits)) td[data-label]{display:flow-root;padding-left:40%}
:where(.table-wrap:not(.fits)) td[data-label]::before{content:attr(data-label);box-sizing:border-box;float:left;width:66.6%;margin-left:-66.6%;padding-right:.75rem;color:var(--muted);font-size:.85rem;text-align:left;white-space:normal}}
.archived-location{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem 1rem}
.reason-edit-two{flex-wrap:wrap}.reason-edit-two input{min-width:12rem}
.label-like{font-weight:600;margin:.75rem 0 .25rem}#location-only p:last-child{margin:0}
@media (max-width:600px){#print-history td:first-child{font-weight:600}#print-history td.num{text-align:left}#print-history td:last-child{padding-bottom:.4rem}}
.checklist{list-style:none;padding:0;margin:.5rem 0 0}.checklist li{display:flex;gap:.6rem;align-items:flex-start;padding:.35rem 0;border-top:1px solid var(--line)}
.checklist .check-mark{flex:0 0 1.4rem;height:1.4rem;border:2px solid var(--line);border-radius:50%;text-align:center;line-height:1.1rem;font-weight:700}
.checklist li.done .check-mark{border-color:var(--good,#1a7f37);color:var(--good,#1a7f37)}.checklist li.done>span:last-child{color:var(--muted);text-decoration:line-through}
.checklist .hint{display:block}.first-run{border-left:4px solid var(--accent)}
.logo-current img{display:block;max-width:100%;max-height:8rem;width:auto;height:auto;border:1px solid var(--line);border-radius:6px;background:#fff;padding:.25rem}
.fit-check{margin-top:.75rem}.fit-check h3{margin:.25rem 0 .5rem;font-size:1rem}.fit-check .alert p{margin:.15rem 0;overflow-wrap:anywhere}
`;
