/**
 * The control view of coverage.html: framework (assessment) > control set > control, each with
 * its cell counts, a filter for controls with any missing source, and, for the selected control,
 * a heat map of accounts x Regions whose cells show the control's worst source and, on click,
 * every source's reason and fix. The grids travel as compact JSON in the page (one character per
 * account and Region per source state) and the heat map is drawn on demand, so the page stays a
 * few MB for 5,000 accounts and 750 controls instead of one element per account x Region x control.
 */
import { esc, SYMBOLS } from "./html";
import { hasGap, sourceLabel } from "./controls-report";
import { STATUS_LABELS } from "./markdown";
import { GRID_ALPHABET, isManual, STATUS_RANK, STATUSES, type CoverageReport } from "./model";

const STYLE = `
section.controls-view{margin-top:24px}
.controls label.cv-check{flex-direction:row;align-items:center;gap:6px;color:var(--ink)}
.controls label.cv-check input{min-width:0}
.cv-list{background:#fff;border:1px solid var(--line);border-radius:8px;max-height:45vh;overflow:auto}
.cv-list table{border-collapse:collapse;width:100%;font-size:12px}
.cv-list th,.cv-list td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
.cv-list thead th{position:sticky;top:0;background:#eef1f4}
.cv-list tr.set td{background:#f3f5f7;font-weight:600}
.cv-list tr.ctl{cursor:pointer}
.cv-list tr.ctl.sel td{outline:2px solid var(--ink);outline-offset:-2px}
.cv-list td.n{text-align:right;font-variant-numeric:tabular-nums}
#cv-heat{margin-top:12px}
#cv-heat table{border-collapse:separate;border-spacing:0;font-size:12px;white-space:nowrap;background:#fff}
#cv-heat th,#cv-heat td{border-bottom:1px solid var(--line);padding:3px 6px}
#cv-heat td.c{text-align:center;min-width:40px;font-weight:700;cursor:pointer}
#cv-heat td.c.sel{outline:2px solid var(--ink);outline-offset:-2px}
#cv-heat .wrap{max-height:60vh}
#cv-detail{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 14px;margin-top:8px;min-height:40px}
#cv-detail .k{color:var(--muted)}
`;

/**
 * Decodes a grid cell exactly as model.ts's gridOutcome does, draws the heat map of the selected
 * control, and filters the list. A control's cell is its worst source's status (STATUS_RANK).
 */
const SCRIPT = `
(function(){
var data=JSON.parse(document.getElementById('cv-data').textContent),A=data.alphabet,N=A.length;
var RANK=data.rank,SYM=data.symbols,LABEL=data.labels,list=document.getElementById('cv-list'),heat=document.getElementById('cv-heat'),detail=document.getElementById('cv-detail');
var gapOnly=document.getElementById('cv-gaps'),which=document.getElementById('cv-assessment'),shown=document.getElementById('cv-shown');
function outcome(g,region,i){var grid=data.grids[g],row=grid.rows[region],w=grid.width,d=A.indexOf(row.charAt(i*w));if(w===2)d=d*N+A.indexOf(row.charAt(i*w+1));return data.outcomes[grid.outcomes[d]];}
function apply(){
  var n=0,rows=[].slice.call(list.querySelectorAll('tr.ctl')),sets=[].slice.call(list.querySelectorAll('tr.set'));
  rows.forEach(function(r){var ok=(!gapOnly.checked||r.getAttribute('data-gap')==='1')&&(!which.value||r.getAttribute('data-assessment')===which.value);r.hidden=!ok;if(ok)n++;});
  sets.forEach(function(s){var any=false;for(var r=s.nextElementSibling;r&&r.classList.contains('ctl');r=r.nextElementSibling)if(!r.hidden)any=true;s.hidden=!any;});
  shown.textContent=n+' of '+rows.length+' controls shown';
}
gapOnly.addEventListener('change',apply);which.addEventListener('change',apply);
var selected=null,control=null;
function line(k,v){var p=document.createElement('div'),s=document.createElement('span');s.className='k';s.textContent=k+': ';p.appendChild(s);p.appendChild(document.createTextNode(v));detail.appendChild(p);}
function draw(c){
  control=data.controls[c];heat.textContent='';detail.textContent='';
  var h=document.createElement('h3');h.textContent=control.label;heat.appendChild(h);
  var auto=control.sources.filter(function(s){return s.grid!==undefined;});
  if(!auto.length){var p=document.createElement('p');p.textContent='Manual control: evidence is uploaded by a person, so no account or Region can miss a source.';heat.appendChild(p);return;}
  var wrap=document.createElement('div');wrap.className='wrap';var t=document.createElement('table');t.id='cv-map';
  var head=t.createTHead().insertRow();['Account','Name'].concat(data.regions).forEach(function(x){var th=document.createElement('th');th.textContent=x;head.appendChild(th);});
  var body=t.createTBody();
  data.accounts.forEach(function(a,i){
    var tr=body.insertRow();tr.insertCell().textContent=a[0];tr.insertCell().textContent=a[1];
    data.regions.forEach(function(region){
      var worst=null;auto.forEach(function(s){var o=outcome(s.grid,region,i);if(worst===null||RANK[o.status]<RANK[worst])worst=o.status;});
      var td=tr.insertCell();td.className='c s-'+worst;td.textContent=SYM[worst];td.setAttribute('data-account',i);td.setAttribute('data-region',region);td.title=LABEL[worst];
    });
  });
  wrap.appendChild(t);heat.appendChild(wrap);
}
list.addEventListener('click',function(e){
  var tr=e.target.closest('tr.ctl');if(!tr)return;
  if(selected)selected.classList.remove('sel');selected=tr;tr.classList.add('sel');draw(+tr.getAttribute('data-control'));
});
heat.addEventListener('click',function(e){
  var td=e.target.closest('td.c');if(!td||!control)return;
  var old=heat.querySelector('td.c.sel');if(old)old.classList.remove('sel');td.classList.add('sel');
  var i=+td.getAttribute('data-account'),region=td.getAttribute('data-region');detail.textContent='';
  line('Control',control.label);line('Account',data.accounts[i][0]+' '+data.accounts[i][1]+', '+region);
  control.sources.forEach(function(s){
    if(s.grid===undefined){line(s.label,'manual');return;}
    var o=outcome(s.grid,region,i);line(s.label,LABEL[o.status]+': '+o.reason);if(o.fix)line('Fix',o.fix);
  });
});
apply();
})();
`;

/** JSON that can sit in a script element of a pure-ASCII page: "<" and everything beyond ASCII escaped. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/[<\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

export function renderControlView(report: CoverageReport): string {
  const { assessments } = report.controls;
  if (!assessments.length) return `<section class="controls-view"><h2>Controls</h2><p>No assessment with an evidence map to check (see the notes above).</p></section>`;
  const controls: { label: string; sources: { label: string; grid?: number }[] }[] = [];
  const rows = assessments.flatMap((a) =>
    a.controlSets.flatMap((set) => [
      `<tr class="set" data-assessment="${esc(a.name)}"><td colspan="6">${esc(a.name)} &middot; ${esc(set.name)}</td></tr>`,
      ...set.controls.map((control) => {
        const index = controls.push({ label: `${a.name} ${control.id} ${control.name}`, sources: control.sources.map((s) => ({ label: sourceLabel(s), grid: s.grid })) }) - 1;
        const manual = isManual(control);
        const numbers = manual ? `<td class="n" colspan="3">manual</td>` : (["covered", "not-covered", "unknown"] as const).map((s) => `<td class="n">${control.counts[s]}</td>`).join("");
        return `<tr class="ctl" data-control="${index}" data-assessment="${esc(a.name)}" data-gap="${hasGap(control) ? 1 : 0}"><td>${esc(control.id)}</td><td>${esc(control.name)}</td><td>${esc(control.sources.map(sourceLabel).join(", "))}</td>${numbers}</tr>`;
      }),
    ]),
  );
  const data = {
    alphabet: GRID_ALPHABET,
    rank: STATUS_RANK,
    // The matrix's symbols are character references for markup; the script sets text, so it gets the characters.
    symbols: Object.fromEntries(STATUSES.map((s) => [s, SYMBOLS[s].replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))])),
    labels: STATUS_LABELS,
    regions: report.regions,
    accounts: report.accounts.map((a) => [a.id, a.name]),
    outcomes: report.controls.outcomes,
    grids: report.controls.grids,
    controls,
  };
  return `<section class="controls-view">
<style>${STYLE}</style>
<h2>Controls</h2>
<p>Each control of each assessment's framework, from the evidence map. A control is covered in an account and Region when every automated source of it is present there; click a control for its heat map of accounts x Regions, and a cell for every source's reason and fix.</p>
<div class="controls">
<label>Assessment<select id="cv-assessment"><option value="">all assessments</option>${assessments.map((a) => `<option value="${esc(a.name)}">${esc(a.name)} (${esc(a.framework)})</option>`).join("")}</select></label>
<label class="cv-check"><input id="cv-gaps" type="checkbox"> only controls with a missing or unknown source</label>
<span class="shown" id="cv-shown"></span>
</div>
<div class="cv-list" id="cv-list"><table><thead><tr><th>Control</th><th>Name</th><th>Sources</th><th>${esc(STATUS_LABELS.covered)}</th><th>${esc(STATUS_LABELS["not-covered"])}</th><th>${esc(STATUS_LABELS.unknown)}</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table></div>
<div id="cv-heat"><p>Click a control to see its heat map.</p></div>
<div id="cv-detail">Click a cell of the heat map for each source's reason and fix.</div>
<script type="application/json" id="cv-data">${scriptJson(data)}</script>
<script>${SCRIPT}</script>
</section>`;
}
