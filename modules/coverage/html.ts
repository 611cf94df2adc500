/**
 * coverage.html: one self-contained file an auditor opens from an email attachment. No network:
 * CSS and script are inline, nothing is fetched. The table is plain HTML, readable without the
 * script; the script adds sorting (click a header) and filtering by OU, account and status.
 *
 * On a laptop (1000 x 800 CSS pixels) the header and the summary cards take at most a third of the
 * height, the account and name columns stay in view while the matrix scrolls sideways, and the
 * detail panel sits below the matrix, never over it. On paper (the print stylesheet): landscape,
 * the table headers repeated on every page, and a matrix wider than the page printed as one table
 * per evidence source (built by the script when printing starts, so the file carries every cell
 * once).
 */
import { renderControlView } from "./controls-html";
import { count } from "../kit/text";
import { STATUS_LABELS, verdict } from "./markdown";
import { countCells, isGap, SOURCE_TITLES, SOURCES, STATUSES, type Cell, type CellStatus, type CoverageReport, type Source } from "./model";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/**
 * Escapes markup, and writes every character beyond ASCII as a character reference: the page is
 * then pure ASCII, whatever the encoding a mail client guesses, and V8 keeps the tens of MB a large
 * organization renders to as one-byte strings.
 */
export const esc = (text: string | number) => String(text).replace(/[&<>"'\u0080-\uffff]/g, (c) => ESCAPES[c] ?? `&#${c.charCodeAt(0)};`);

/** A symbol as well as a colour, so the map reads in greyscale and for colour-blind readers. */
export const SYMBOLS: Record<CellStatus, string> = { covered: "&#10003;", "not-covered": "&#10007;", excluded: "&#8211;", unknown: "?" };

const STYLE = `
:root{--acct:106px;--detail:6.5rem;--covered:#2e7d32;--covered-bg:#e3f1e4;--not-covered:#c62828;--not-covered-bg:#fbe3e3;--excluded:#607d8b;--excluded-bg:#eceff1;--unknown:#b26a00;--unknown-bg:#fff1d6;--line:#d7dbe0;--ink:#1d2530;--muted:#5b6673}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#f6f7f9}
header{background:#1d2530;color:#fff;padding:10px 20px}
header h1{margin:0 0 2px;font-size:18px;font-weight:600}
header p{margin:1px 0;color:#c9d1db;font-size:12px}
header .verdict{color:#fff;font-weight:600;font-size:14px;margin-top:4px}
main{padding:12px 20px 24px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:10px;margin-bottom:12px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 12px}
.card h2{font-size:14px;margin:0 0 4px}
.card .how{color:var(--muted);font-size:12px;margin:0 0 6px;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden}
.bar{display:flex;height:10px;border-radius:5px;overflow:hidden;background:var(--line)}
.bar span{display:block;height:100%}
.counts{display:flex;flex-wrap:wrap;gap:2px 8px;margin-top:4px;font-size:11px;color:var(--muted)}
.counts b{color:var(--ink)}
.controls{display:flex;flex-wrap:wrap;gap:10px;align-items:end;background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 12px;margin-bottom:12px}
.controls label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);gap:3px}
.controls input,.controls select{font:inherit;padding:5px 8px;border:1px solid var(--line);border-radius:5px;min-width:180px;background:#fff}
.controls .shown{margin-left:auto;color:var(--muted);font-size:12px}
.legend{display:flex;gap:14px;font-size:12px;color:var(--muted);margin:0 0 8px}
.wrap{overflow:auto;max-height:calc(100vh - var(--detail) - 14px);background:#fff;border:1px solid var(--line);border-radius:8px}
table.map{border-collapse:separate;border-spacing:0;font-size:12px;white-space:nowrap}
.map th,.map td{border-bottom:1px solid var(--line);padding:4px 6px}
.map thead th{position:sticky;background:#eef1f4;z-index:2;font-weight:600;cursor:pointer;user-select:none}
.map thead tr:first-child th{top:0}
.map thead tr:nth-child(2) th{top:27px;font-weight:500;color:var(--muted)}
.map thead th.group{text-align:center;border-left:2px solid #aeb6bf;cursor:default}
.map th[aria-sort=ascending]::after{content:" \\25B2"}
.map th[aria-sort=descending]::after{content:" \\25BC"}
.map td.acct{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.map .acct{width:var(--acct);min-width:var(--acct);max-width:var(--acct)}
.map .acct,.map .name{position:sticky;left:0;z-index:1;background:#fff}
.map .name{left:var(--acct);max-width:220px;overflow:hidden;text-overflow:ellipsis;box-shadow:inset -1px 0 var(--line)}
.map thead th.acct,.map thead th.name{z-index:3;background:#eef1f4}
.map td.ou{color:var(--muted);max-width:260px;overflow:hidden;text-overflow:ellipsis}
.map td.c{text-align:center;min-width:44px;font-weight:700;cursor:pointer}
.map td.first,.map th.first{border-left:2px solid #aeb6bf}
.s-covered{color:var(--covered);background:var(--covered-bg)}
.s-not-covered{color:var(--not-covered);background:var(--not-covered-bg)}
.s-excluded{color:var(--excluded);background:var(--excluded-bg)}
.s-unknown{color:var(--unknown);background:var(--unknown-bg)}
.map tbody tr:hover td{filter:brightness(.96)}
.map td.c.sel{outline:2px solid var(--ink);outline-offset:-2px}
#detail{height:var(--detail);overflow:auto;background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 14px;margin-top:10px}
#detail .k{color:var(--muted)}
section.gaps{margin-top:20px}
section.gaps table{border-collapse:collapse;background:#fff;font-size:12px;width:100%}
section.gaps th,section.gaps td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
.pill{display:inline-block;padding:0 6px;border-radius:9px;font-weight:600}
section.gaps td.regions{white-space:normal}
.print-sources{display:none}
@page{size:landscape;margin:10mm}
@media print{
body{background:#fff;font-size:12px}
header{background:none;color:var(--ink);padding:0 0 6px}
header p,header .verdict{color:var(--ink)}
main{padding:0}
.controls,#detail,.legend .hint{display:none}
.card .how{display:block}
.cards,.card,section.gaps tr,.map tr{break-inside:avoid}
.wrap{max-height:none;overflow:visible;border:0}
.map thead{display:table-header-group}
.map thead th,.map .acct,.map .name{position:static}
body.split .wrap{display:none}
body.split .print-sources{display:block}
.print-sources h2{font-size:14px;margin:12px 0 4px;break-after:avoid}
.print-sources section+section{break-before:page}
}
body.printing .map th.region{writing-mode:vertical-rl;transform:rotate(180deg);padding:4px 2px;height:auto}
body.printing .map td.c{min-width:0;padding:2px 4px}
body.printing .map td.ou{max-width:160px}
`;

/**
 * The printable width of a landscape page in CSS pixels (96 per inch) at the stylesheet's 10 mm
 * margins, on the narrower of the two common papers: US Letter, 279.4 mm - 20 mm. A4 is 297 mm.
 */
const PRINT_WIDTH = Math.floor(((279.4 - 2 * 10) / 25.4) * 96);

const SCRIPT = `
(function(){
var PRINT_WIDTH=${PRINT_WIDTH};
var table=document.getElementById('map'),body=table.tBodies[0],rows=[].slice.call(body.rows);
var ou=document.getElementById('f-ou'),acct=document.getElementById('f-account'),status=document.getElementById('f-status'),source=document.getElementById('f-source'),shown=document.getElementById('shown');
function apply(){
  var o=ou.value,a=acct.value.trim().toLowerCase(),s=status.value,src=source.value,n=0;
  rows.forEach(function(r){
    var ok=(!o||r.getAttribute('data-ou')===o||r.getAttribute('data-ou').indexOf(o+'/')===0)&&(!a||r.getAttribute('data-account').indexOf(a)>=0);
    if(ok&&s){var key=src?src+':'+s:s,st=' '+r.getAttribute('data-statuses')+' ';ok=s==='gap'?(st.indexOf(' '+(src?src+':':'')+'not-covered ')>=0||st.indexOf(' '+(src?src+':':'')+'unknown ')>=0):st.indexOf(' '+key+' ')>=0;}
    r.hidden=!ok;if(ok)n++;
  });
  shown.textContent=n+' of '+rows.length+' accounts shown';
}
[ou,acct,status,source].forEach(function(e){e.addEventListener('input',apply);e.addEventListener('change',apply);});
var heads=[].slice.call(table.tHead.querySelectorAll('th[data-col]'));
// Sort order of a Region column: gaps first when ascending.
var RANK={'s-not-covered':0,'s-unknown':1,'s-excluded':2,'s-covered':3};
function rank(td){for(var k in RANK)if(td.classList.contains(k))return RANK[k];return 4;}
heads.forEach(function(h){h.addEventListener('click',function(){
  var col=+h.getAttribute('data-col'),asc=h.getAttribute('aria-sort')!=='ascending',num=h.hasAttribute('data-rank');
  heads.forEach(function(x){x.removeAttribute('aria-sort');});h.setAttribute('aria-sort',asc?'ascending':'descending');
  rows.sort(function(x,y){
    var a=x.cells[col],b=y.cells[col],va=num?rank(a):a.textContent,vb=num?rank(b):b.textContent;
    var c=num?va-vb:(va<vb?-1:va>vb?1:0);if(c===0)c=x.cells[0].textContent<y.cells[0].textContent?-1:1;return asc?c:-c;
  });
  rows.forEach(function(r){body.appendChild(r);});
});});
var detail=document.getElementById('detail'),selected=null;
body.addEventListener('click',function(e){
  var td=e.target.closest('td.c');if(!td)return;
  if(selected)selected.classList.remove('sel');selected=td;td.classList.add('sel');
  detail.textContent='';
  function line(k,v){var p=document.createElement('div'),s=document.createElement('span');s.className='k';s.textContent=k+': ';p.appendChild(s);p.appendChild(document.createTextNode(v));detail.appendChild(p);}
  var r=td.parentNode,head=table.tHead.querySelector('th[data-col="'+td.cellIndex+'"]'),t=td.title.split('\\nfix: '),i=t[0].indexOf(': ');
  line('Account',r.cells[0].textContent+' '+r.cells[1].textContent+' ('+r.cells[2].textContent+')');
  line(head.title,t[0].slice(0,i));line('Reason',t[0].slice(i+2));if(t[1])line('Fix',t[1]);
  detail.scrollIntoView({block:'nearest'});
});
// Printing (from beforeprint to afterprint): the width rules of body.printing apply, and a matrix
// still wider than a landscape page is printed as one table per evidence source.
var printed=null;
function startPrint(){
  if(printed)return;
  document.body.classList.add('printing');
  if(table.scrollWidth<=PRINT_WIDTH)return;
  printed=document.createElement('div');printed.className='print-sources';
  var start=3;
  [].slice.call(table.tHead.rows[0].querySelectorAll('th.group')).forEach(function(group){
    var section=document.createElement('section'),title=document.createElement('h2'),t=document.createElement('table'),head=t.createTHead().insertRow(),tbody=t.createTBody(),end=start+group.colSpan;
    title.textContent=group.textContent;t.className='map';
    [].slice.call(table.tHead.rows[0].cells,0,2).concat([].slice.call(table.tHead.rows[1].cells,start-3,end-3)).forEach(function(h){var c=h.cloneNode(true);c.removeAttribute('rowspan');head.appendChild(c);});
    rows.forEach(function(r){if(r.hidden)return;var tr=tbody.insertRow();[r.cells[0],r.cells[1]].concat([].slice.call(r.cells,start,end)).forEach(function(c){tr.appendChild(c.cloneNode(true));});});
    section.appendChild(title);section.appendChild(t);printed.appendChild(section);start=end;
  });
  table.parentNode.parentNode.insertBefore(printed,detail);
  document.body.classList.add('split');
}
function endPrint(){
  document.body.classList.remove('printing','split');
  if(printed)printed.remove();
  printed=null;
}
window.addEventListener('beforeprint',startPrint);
window.addEventListener('afterprint',endPrint);
apply();
})();
`;

/**
 * A cell carries its status in its class and its reason and fix in its title (the tooltip, and
 * what the detail panel shows): with 5,000 accounts x 17 Regions x 3 sources every byte per cell
 * counts.
 */
function cellHtml(cell: Cell, first: boolean): string {
  const title = `${STATUS_LABELS[cell.status]}: ${cell.reason}${cell.fix ? `\nfix: ${cell.fix}` : ""}`;
  return `<td class="c s-${cell.status}${first ? " first" : ""}" title="${esc(title.replace(/[ \t]*\n(?!fix: )[ \t]*/g, " "))}">${SYMBOLS[cell.status]}</td>`;
}

interface GapGroup {
  readonly account: CoverageReport["accounts"][number];
  readonly source: Source;
  /** In the report's Region order. */
  readonly regions: string[];
  readonly cell: Cell;
}

/**
 * The gaps (not covered or unknown), one group per account, source and identical status, reason
 * and fix: an account missing the same thing in every Region reads as one row, not one per Region.
 */
function gapGroups(report: CoverageReport): GapGroup[] {
  return SOURCES.flatMap((source) =>
    report.accounts.flatMap((account) => {
      const groups = new Map<string, GapGroup>();
      for (const region of report.regions) {
        const cell = account.cells[source][region];
        if (!isGap(cell)) continue;
        const key = JSON.stringify([cell.status, cell.reason, cell.fix ?? ""]);
        const group = groups.get(key);
        if (group) group.regions.push(region);
        else groups.set(key, { account, source, regions: [region], cell });
      }
      return [...groups.values()];
    }),
  );
}

export function renderHtml(report: CoverageReport): string {
  const counts = countCells(report);
  const ous = [...new Set(report.accounts.map((a) => a.ou))].sort();
  const regionCount = report.regions.length;
  const cards = SOURCES.map((source) => {
    const total = Object.fromEntries(STATUSES.map((s) => [s, report.regions.reduce((n, r) => n + counts[source][r][s], 0)])) as Record<CellStatus, number>;
    const all = STATUSES.reduce((n, s) => n + total[s], 0) || 1;
    const bar = STATUSES.map((s) => (total[s] ? `<span class="s-${s}" style="width:${((100 * total[s]) / all).toFixed(2)}%;background:var(--${s})"></span>` : "")).join("");
    const numbers = STATUSES.map((s) => `<span><b>${total[s]}</b> ${esc(STATUS_LABELS[s])}</span>`).join("");
    return `<div class="card"><h2>${esc(SOURCE_TITLES[source])}</h2><p class="how">${esc(report.sources[source])}</p><div class="bar">${bar}</div><div class="counts">${numbers}</div></div>`;
  }).join("\n");
  let col = 3;
  const groupHeads = SOURCES.map((s) => `<th class="group" colspan="${regionCount}">${esc(SOURCE_TITLES[s])}</th>`).join("");
  const regionHeads = SOURCES.map((s) => report.regions.map((r, i) => `<th data-col="${col++}" data-rank title="${esc(`${SOURCE_TITLES[s]}, ${r}`)}" class="region${i === 0 ? " first" : ""}">${esc(r)}</th>`).join("")).join("");
  // Equal cells are shared objects: each one's markup is made once, and a row is a concatenation of those shared pieces, flattened only by the final join.
  const markup = [new Map<Cell, string>(), new Map<Cell, string>()];
  const cellMarkup = (cell: Cell, first: boolean) => {
    const made = markup[first ? 1 : 0];
    return made.get(cell) ?? made.set(cell, cellHtml(cell, first)).get(cell)!;
  };
  const body = report.accounts
    .map((a) => {
      const statuses = [...new Set(SOURCES.flatMap((s) => report.regions.flatMap((r) => [a.cells[s][r].status, `${s}:${a.cells[s][r].status}`])))].sort().join(" ");
      let row = `<tr data-ou="${esc(a.ou)}" data-account="${esc(`${a.id} ${a.name}`.toLowerCase())}" data-statuses="${esc(statuses)}"><td class="acct">${esc(a.id)}</td><td class="name">${esc(a.name)}</td><td class="ou" title="${esc(a.ou)}">${esc(a.ou)}</td>`;
      for (const s of SOURCES) report.regions.forEach((r, i) => (row += cellMarkup(a.cells[s][r], i === 0)));
      return `${row}</tr>`;
    })
    .join("\n");
  const gaps = gapGroups(report);
  const gapCells = gaps.reduce((n, gap) => n + gap.regions.length, 0);
  const gapRows = gaps.map(
    ({ account, source, regions, cell }) =>
      `<tr><td>${esc(account.id)} ${esc(account.name)}</td><td>${esc(SOURCE_TITLES[source])}</td><td class="regions">${esc(regions.join(", "))}</td><td><span class="pill s-${cell.status}">${esc(STATUS_LABELS[cell.status])}</span></td><td>${esc(cell.reason)}</td><td>${esc(cell.fix ?? "")}</td></tr>`,
  );
  const inactive = report.inactiveAccounts.length
    ? `<p>Not in the matrix (only ACTIVE accounts can be covered): ${report.inactiveAccounts.map((a) => `${esc(a.id)} ${esc(a.name)} (${esc(a.status)})`).join(", ")}.</p>`
    : "";
  const notes = report.notes.length ? `<ul>${report.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>` : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Evidence coverage: ${esc(report.organizationId)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Evidence coverage: ${esc(report.organizationId)}</h1>
<p>Read ${esc(report.startedAt)} to ${esc(report.finishedAt)} with ${esc(report.configuration.file)} &middot; management account ${esc(report.managementAccountId)} &middot; delegated administrator ${esc(report.delegatedAdministratorAccountId)} &middot; ${esc(report.apiCalls)} API calls</p>
<p class="verdict">${esc(verdict(report))}</p>
</header>
<main>
<div class="cards">
${cards}
</div>
${notes}
<div class="controls">
<label>OU<select id="f-ou"><option value="">all OUs</option>${ous.map((o) => `<option value="${esc(o)}">${esc(o)}</option>`).join("")}</select></label>
<label>Account<input id="f-account" type="search" placeholder="ID or name"></label>
<label>Status<select id="f-status"><option value="">any</option><option value="gap">any gap (not covered or unknown)</option>${STATUSES.map((s) => `<option value="${s}">${esc(STATUS_LABELS[s])}</option>`).join("")}</select></label>
<label>Source<select id="f-source"><option value="">all sources</option>${SOURCES.map((s) => `<option value="${s}">${esc(SOURCE_TITLES[s])}</option>`).join("")}</select></label>
<span class="shown" id="shown">${report.accounts.length} of ${report.accounts.length} accounts shown</span>
</div>
<div class="legend">${STATUSES.map((s) => `<span><span class="pill s-${s}">${SYMBOLS[s]}</span> ${esc(STATUS_LABELS[s])}</span>`).join("")}<span class="hint">Click a cell for its reason and fix; click a header to sort.</span></div>
<div class="wrap">
<table class="map" id="map">
<thead>
<tr><th class="acct" data-col="0" rowspan="2">Account</th><th class="name" data-col="1" rowspan="2">Name</th><th data-col="2" rowspan="2">OU</th>${groupHeads}</tr>
<tr>${regionHeads}</tr>
</thead>
<tbody>
${body}
</tbody>
</table>
</div>
<div id="detail">Click a cell to see what was found and what to do.</div>
${renderControlView(report)}
<section class="gaps">
<h2>Gaps (${gapCells})</h2>
${gapRows.length ? `<p>${count(gapCells, "gap")} in ${count(gapRows.length, "row")}: one account's gaps with the same source, status, reason and fix share a row, whatever the Region.</p>\n<table><thead><tr><th>Account</th><th>Source</th><th>Regions</th><th>Status</th><th>Reason</th><th>Fix</th></tr></thead><tbody>\n${gapRows.join("\n")}\n</tbody></table>` : "<p>None.</p>"}
${inactive}
</section>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
