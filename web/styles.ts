/**
 * The whole stylesheet, shipped inside the Lambda bundle: no static hosting to deploy, no external fonts
 * or CDNs (towns' office networks and our CI have no internet). Mobile first; wider screens add columns.
 * Colours are picked for WCAG AA contrast on their backgrounds (text ≥ 4.5:1, focus rings ≥ 3:1).
 */
import { createHash } from 'node:crypto';

/**
 * Progress fills use a class per whole percent rather than an inline style, so the pages keep working
 * under a strict Content-Security-Policy without 'unsafe-inline' for styles.
 */
const progressWidths = Array.from({ length: 101 }, (_, i) => `.w${i}{width:${i}%}`).join('');

export const CSS = `
:root{
  --ink:#1c2330;--muted:#4b5563;--bg:#f6f4ee;--card:#fff;--line:#dcd6c8;--line-strong:#b9b09c;
  --primary:#1d4e89;--primary-dark:#143a68;--primary-soft:#e7eef7;
  --accent:#a93a24;--accent-soft:#fbece8;
  --ok:#1f6b45;--ok-soft:#e5f3ea;--gold:#8a5a00;--gold-soft:#fdf3dc;
  --focus:#c2410c;--radius:12px;--shadow:0 1px 2px rgba(28,35,48,.06),0 4px 16px rgba(28,35,48,.06);
  --font:system-ui,-apple-system,"Hiragino Sans","Hiragino Kaku Gothic ProN","Noto Sans JP","Noto Sans CJK JP","Yu Gothic UI","Yu Gothic",YuGothic,Meiryo,sans-serif;
}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:var(--font);font-size:1rem;line-height:1.75;color:var(--ink);background:var(--bg);
  font-feature-settings:"palt" 0;overflow-wrap:anywhere;line-break:strict}
:lang(en) body,body:lang(en){line-height:1.6}
img,svg{max-width:100%}
a{color:var(--primary);text-underline-offset:.2em}
a:hover{color:var(--primary-dark)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:4px}
h1,h2,h3{line-height:1.35;margin:0 0 .5em;font-weight:700;letter-spacing:.01em}
h1{font-size:1.6rem}
h2{font-size:1.3rem}
h3{font-size:1.08rem}
p{margin:0 0 1em}
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
.muted{color:var(--muted)}
.small{font-size:.875rem}
.nowrap{white-space:nowrap}
.num{font-variant-numeric:tabular-nums;white-space:nowrap}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
.skip{position:absolute;left:.5rem;top:-3rem;z-index:10;background:var(--ink);color:#fff;padding:.5rem 1rem;border-radius:6px}
.skip:focus{top:.5rem;color:#fff}

/* header */
.site-header{background:var(--card);border-top:4px solid var(--primary);border-bottom:1px solid var(--line)}
.site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem;padding-top:.5rem;padding-bottom:.5rem}
.brand{display:flex;align-items:center;gap:.5rem;text-decoration:none;color:var(--ink);margin-right:auto;min-height:44px}
.brand:hover{color:var(--ink)}
.brand svg{flex:none}
.brand-name{font-weight:800;font-size:1.15rem;letter-spacing:.04em;line-height:1.2}
.brand-sub{display:block;font-size:.72rem;font-weight:600;color:var(--muted);letter-spacing:.06em}
.lang-toggle{display:flex;border:1px solid var(--line-strong);border-radius:999px;overflow:hidden;font-size:.85rem}
.lang-toggle a{display:block;padding:.35rem .8rem;text-decoration:none;color:var(--ink);min-height:36px;line-height:1.6}
.lang-toggle a[aria-current="true"]{background:var(--primary);color:#fff;font-weight:700}
.lang-toggle a:not([aria-current="true"]):hover{background:var(--primary-soft)}
.site-nav{flex-basis:100%;order:3}
.site-nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.1rem .25rem;align-items:center}
.site-nav a{display:block;padding:.45rem .6rem;border-radius:8px;text-decoration:none;color:var(--ink);font-weight:600;font-size:.93rem;min-height:40px}
.site-nav a:hover{background:var(--primary-soft);color:var(--primary-dark)}
.site-nav a[aria-current="page"]{color:var(--primary);box-shadow:inset 0 -3px 0 var(--primary);border-radius:8px 8px 0 0}
.site-nav .account{margin-left:auto;display:flex;align-items:center;gap:.5rem;font-size:.9rem}
.site-nav .account form{margin:0}
.site-nav .account{flex-wrap:wrap}
.site-nav .workspace-link{font-weight:600}
.linklike{font:inherit;font-size:.85rem;background:none;border:1px solid var(--line-strong);border-radius:8px;padding:.3rem .7rem;color:var(--ink);cursor:pointer;min-height:36px}
.linklike:hover{background:var(--primary-soft)}
@media (min-width:60rem){
  .site-nav{flex-basis:auto;order:1;flex:1}
  .lang-toggle{order:2}
  .brand{margin-right:1rem}
}

/* main */
main{display:block;padding:1.25rem 0 3rem}
.page-head{margin:0 0 1.25rem}
.page-head .lead{color:var(--muted);max-width:48rem}
.breadcrumb{font-size:.875rem;margin:0 0 .5rem;color:var(--muted)}
.breadcrumb a{color:var(--muted)}
section{margin:0 0 2.25rem}
.section-head{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.25rem 1rem;margin-bottom:.75rem}
.section-head h2{margin:0}

/* hero */
.hero{background:linear-gradient(135deg,var(--primary-dark),var(--primary) 60%,#2c6aa8);color:#fff;margin:-1.25rem 0 2rem;padding:2rem 0 1.75rem}
.hero h1{font-size:1.7rem;margin-bottom:.6rem}
.hero p{max-width:46rem;color:#f1f5fb}
.hero .actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.25rem}
.hero .btn-secondary{background:transparent;color:#fff;border-color:#fff}
.hero .btn-secondary:hover{background:rgba(255,255,255,.12);color:#fff}
.hero :focus-visible{outline-color:#ffd27a}
.stats{list-style:none;margin:1.5rem 0 0;padding:0;display:grid;grid-template-columns:repeat(3,1fr);gap:.5rem}
.stats li{background:rgba(255,255,255,.1);border:1px solid rgba(255,255,255,.25);border-radius:10px;padding:.6rem .7rem}
.stats .label{display:block;font-size:.75rem;color:#e3ebf6;line-height:1.4}
.stats .value{display:block;font-size:1.15rem;font-weight:800;font-variant-numeric:tabular-nums;line-height:1.4}
@media (min-width:48rem){.hero{padding:3rem 0 2.5rem}.hero h1{font-size:2.2rem}.stats{max-width:40rem}.stats .value{font-size:1.4rem}}

/* buttons */
.btn{display:inline-flex;align-items:center;justify-content:center;gap:.4rem;min-height:44px;padding:.55rem 1.2rem;border-radius:999px;border:2px solid var(--accent);
  background:var(--accent);color:#fff;font:inherit;font-weight:700;text-decoration:none;cursor:pointer}
.btn:hover{background:#8c2f1c;border-color:#8c2f1c;color:#fff}
.btn-secondary{background:var(--card);color:var(--primary);border-color:var(--primary)}
.btn-secondary:hover{background:var(--primary-soft);color:var(--primary-dark);border-color:var(--primary-dark)}
.btn-block{display:flex;width:100%}

/* cards */
.grid{display:grid;gap:1rem;grid-template-columns:1fr}
@media (min-width:40rem){.grid{grid-template-columns:repeat(2,1fr)}}
@media (min-width:64rem){.grid{grid-template-columns:repeat(3,1fr)}.grid.two{grid-template-columns:repeat(2,1fr)}}
.grid.two{margin-bottom:2rem}
.grid > section{margin:0}
.panel h2.spaced{margin-top:1.25rem}
.panel h2{font-size:1.1rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);box-shadow:var(--shadow);padding:1rem 1.1rem;display:flex;flex-direction:column;gap:.6rem;min-width:0}
.card h2,.card h3{margin:0;font-size:1.08rem}
.card h2 a,.card h3 a{color:var(--ink);text-decoration:none}
.card h2 a:hover,.card h3 a:hover{color:var(--primary);text-decoration:underline}
.card .summary{margin:0;color:var(--muted);font-size:.93rem}
.card .meta{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.25rem .75rem;font-size:.875rem;margin-top:auto}
.card-theme{font-size:.78rem;color:var(--muted);letter-spacing:.02em}
.card.town-card h3{font-size:1.15rem}
.stack{display:grid;gap:1rem}
.fund-card.feature h3{font-size:1.2rem;margin-bottom:.4rem}
.fund-card .more{margin:.75rem 0 0}
@media (min-width:48rem){.fund-card.feature{display:grid;grid-template-columns:1fr 1fr;gap:.5rem 2.5rem;align-items:start}.fund-card.feature > .fund-text{grid-row:1 / span 2}}

/* badges */
.badges{display:flex;flex-wrap:wrap;gap:.35rem;list-style:none;margin:0;padding:0}
.badge{display:inline-flex;align-items:center;gap:.3rem;padding:.1rem .6rem;border-radius:999px;font-size:.8rem;font-weight:600;line-height:1.7;
  background:var(--primary-soft);color:var(--primary-dark);border:1px solid #c9d8eb;text-decoration:none}
a.badge:hover{background:#d6e3f2;color:var(--primary-dark)}
.badge .lead-mark{background:var(--primary);color:#fff;border-radius:999px;padding:0 .4rem;font-size:.7rem}
.days{display:inline-block;padding:.1rem .6rem;border-radius:6px;font-size:.8rem;font-weight:700;white-space:nowrap;background:var(--accent-soft);color:var(--accent);border:1px solid #efc6bc}
.days.today{background:var(--accent);color:#fff;border-color:var(--accent)}
.days.closed{background:#eceae4;color:var(--muted);border-color:var(--line)}
.status{display:inline-block;padding:.05rem .55rem;border-radius:6px;font-size:.8rem;font-weight:700;border:1px solid var(--line-strong);color:var(--muted)}
.status.open{color:var(--ok);border-color:#9cc9b0;background:var(--ok-soft)}

/* progress */
.progress{display:flex;flex-direction:column;gap:.3rem}
.progress .figures{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:0 .75rem}
.progress .raised{font-size:1.2rem;font-weight:800;font-variant-numeric:tabular-nums}
.progress .target{font-size:.85rem;color:var(--muted)}
.progress .percent{font-weight:800;color:var(--ok);font-variant-numeric:tabular-nums}
.progress.over .percent{color:var(--gold)}
.bar{height:.7rem;background:#e6e2d8;border-radius:999px;overflow:hidden}
.bar-fill{height:100%;background:linear-gradient(90deg,#2b8a5a,var(--ok));border-radius:999px;min-width:0}
.progress.over .bar-fill{background:repeating-linear-gradient(45deg,#b07800 0 10px,#c98a00 10px 20px)}
.progress.large .raised{font-size:1.7rem}
.progress.large .bar{height:.9rem}
${progressWidths}

/* challenge page */
.challenge-layout{display:grid;gap:1.25rem;grid-template-columns:1fr;align-items:start}
.challenge-layout > *{min-width:0}
.panel{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);box-shadow:var(--shadow);padding:1.1rem 1.2rem}
.facts{display:grid;grid-template-columns:auto 1fr;gap:.35rem 1rem;margin:1rem 0;font-size:.93rem}
.facts dt{color:var(--muted)}
.facts dd{margin:0;font-weight:600}
.keep-note{font-size:.8rem;color:var(--muted);margin:.75rem 0 0}
.description{white-space:pre-line}
.mail pre{white-space:pre-wrap}
.donate{border:2px dashed var(--line-strong);border-radius:var(--radius);padding:1.1rem 1.2rem;background:var(--card)}
.donate h2{margin-bottom:.35rem}
@media (min-width:56rem){
  .challenge-layout{grid-template-columns:minmax(0,1fr) 22rem}
  .challenge-layout .side{grid-column:2;grid-row:1 / span 3;position:sticky;top:1rem}
}

/* tables */
.table-scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;border:1px solid var(--line);border-radius:var(--radius);background:var(--card)}
/* Cells wrap at word boundaries (and between kana/kanji), never inside a Latin word or an amount. */
table{border-collapse:collapse;width:100%;font-size:.9rem;overflow-wrap:normal}
caption{text-align:left;font-weight:700;padding:.6rem .8rem;caption-side:top}
th,td{padding:.5rem .75rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:#f1ede3;font-size:.8rem;color:#3a4250;white-space:nowrap}
tbody tr:last-child td,tbody tr:last-child th{border-bottom:0}
tfoot td,tfoot th{border-top:2px solid var(--line-strong);border-bottom:0;font-weight:700}
td.amount,th.amount{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.in{color:var(--ok)}
td.out{color:var(--accent)}
.ledger{display:flex;flex-direction:column;gap:1rem}
.ledger-part{margin:0 0 1.5rem}
.ledger-part h3{margin-top:1.25rem}
.ledger-note{font-size:.85rem;color:var(--muted)}
/* Phones: the movement table becomes one small block per movement (date and amount first), and the
   month table drops its derived Net column, so nothing has to scroll sideways. */
@media (max-width:39.99rem){
  th,td{padding:.5rem .55rem}
  .col-net{display:none}
  .movements,.movements tbody,.movements caption{display:block}
  .movements thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
  .movements tr{display:grid;grid-template-columns:1fr auto;gap:.1rem .75rem;padding:.6rem .8rem;border-bottom:1px solid var(--line)}
  .movements tbody tr:last-child{border-bottom:0}
  .movements td{display:block;border:0;padding:0}
  .movements .m-date{grid-column:1;grid-row:1;color:var(--muted);font-size:.85rem}
  .movements .amount{grid-column:2;grid-row:1 / span 2;align-self:center;font-size:1rem;font-weight:700}
  .movements .m-kind{grid-column:1;grid-row:2;font-weight:600}
  .movements .m-town,.movements .m-who{grid-column:1;font-size:.85rem;color:var(--muted)}
  .movements .m-town::before,.movements .m-who::before{content:attr(data-label) ": "}
  .movements .m-who.none{display:none}
}

/* forms */
.filters{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:1rem;margin:0 0 1.25rem}
.filters fieldset{border:0;margin:0;padding:0;display:grid;gap:.75rem;grid-template-columns:1fr}
.filters legend{font-weight:700;margin-bottom:.5rem;padding:0}
.field{display:flex;flex-direction:column;gap:.2rem}
.field label{font-size:.85rem;font-weight:600}
.field input,.field select{font:inherit;font-size:1rem;padding:.5rem .6rem;border:1px solid #8a8170;border-radius:8px;background:#fff;color:var(--ink);min-height:44px;width:100%}
.filter-actions{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem}
.filters fieldset{grid-template-columns:1fr 1fr}
.filters .field.wide,.filter-actions{grid-column:1 / -1}
@media (min-width:48rem){.filters fieldset{grid-template-columns:1fr 1fr 2fr auto;align-items:end}.filters .field.wide,.filter-actions{grid-column:auto}}

/* towns and funds */
.share-list{list-style:none;margin:0;padding:0;display:grid;gap:.5rem}
.share-list li{display:grid;grid-template-columns:1fr auto;gap:.1rem .75rem;align-items:center}
.share-list .bar{grid-column:1 / -1;height:.45rem}
.fund-total{display:flex;justify-content:space-between;align-items:baseline;border-top:1px solid var(--line);padding-top:.5rem;margin-top:.25rem;font-weight:700}
.fund-total .num{font-size:1.25rem}
.kv{display:grid;grid-template-columns:1fr;gap:.15rem .75rem;margin:0}
.kv dt{color:var(--muted);font-size:.85rem}
.kv dd{margin:0 0 .5rem}
@media (min-width:40rem){.kv{grid-template-columns:12rem 1fr}.kv dd{margin:0}}

/* footer */
.site-footer{background:#24303f;color:#e8ecf1;padding:2rem 0;font-size:.875rem}
.site-footer a{color:#fff}
.site-footer :focus-visible{outline-color:#ffd27a}
.site-footer .cols{display:grid;gap:1.25rem;grid-template-columns:1fr}
.site-footer ul{list-style:none;margin:0;padding:0}
.site-footer li a{display:inline-block;padding:.3rem 0}
.site-footer h2{font-size:.95rem;color:#fff}
.site-footer p{color:#d5dbe3}
@media (min-width:48rem){.site-footer .cols{grid-template-columns:2fr 1fr}}

.not-found{text-align:center;padding:3rem 0}
.not-found .code{font-size:3rem;font-weight:800;color:var(--line-strong);margin:0}

@media (prefers-reduced-motion:reduce){*{scroll-behavior:auto!important;transition:none!important}}
html{scroll-behavior:smooth}

@media print{
  .skip,.site-nav,.lang-toggle,.site-footer .nav,.donate,.btn,.filters{display:none!important}
  body{background:#fff;color:#000;font-size:10.5pt}
  .site-header{border:0}
  .hero{background:none;color:#000;margin:0;padding:0}
  .hero p,.stats .label{color:#000}
  .stats li{border-color:#999}
  .card,.panel,.table-scroll{box-shadow:none;break-inside:avoid}
  .site-footer{background:none;color:#000;padding:1rem 0 0}
  .site-footer p,.site-footer h2{color:#000}
  a{color:inherit;text-decoration:none}
  .bar{border:1px solid #999}
  .bar-fill{background:#555!important;print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
`;

/** Short content hash: a new stylesheet gets a new URL, so the old one may be cached for a year. */
export const CSS_HASH = createHash('sha256').update(CSS).digest('hex').slice(0, 12);
export const CSS_PATH = '/assets/app.css';
export const CSS_HREF = `${CSS_PATH}?v=${CSS_HASH}`;
