/**
 * Styles for the donation pages and the printable documents (receipt, one-stop form), served as their own
 * stylesheet so nothing relies on inline styles. The documents print as one clean A4 page.
 */
import { createHash } from 'node:crypto';

export const DONATION_CSS = `
.donate-form{display:grid;gap:.9rem}
.donate-form fieldset{border:1px solid var(--line,#dcd6c8);border-radius:10px;padding:.75rem .9rem;margin:0;display:grid;gap:.75rem}
.donate-form legend{font-weight:700;padding:0 .25rem}
.donate-form .field input,.donate-form .field select,.donate-form .field textarea{font:inherit;font-size:1rem;padding:.5rem .6rem;border:1px solid #8a8170;border-radius:8px;background:#fff;min-height:44px;width:100%}
.donate-form textarea{min-height:5rem}
.donate-form .check{display:flex;gap:.5rem;align-items:flex-start;font-size:.93rem}
.donate-form .check input{width:1.25rem;height:1.25rem;margin-top:.25rem;flex:none}
.field .hint{font-size:.8rem;color:var(--muted,#4b5563)}
.field-error{color:#a61b1b;font-size:.85rem;font-weight:700;margin:0}
.field.invalid input,.field.invalid select,.field.invalid textarea{border-color:#a61b1b;border-width:2px}
.form-errors{border:2px solid #a61b1b;background:#fdeeee;border-radius:10px;padding:.6rem .9rem;margin:0 0 1rem}
.form-errors h2{font-size:1rem;color:#a61b1b;margin:0 0 .25rem}
.amount-presets{display:flex;flex-wrap:wrap;gap:.4rem}
.notice{border-left:4px solid var(--primary,#1d4e89);background:var(--primary-soft,#e7eef7);padding:.6rem .9rem;border-radius:0 8px 8px 0;margin:0 0 1rem}
.warning{border-left:4px solid #a61b1b;background:#fdeeee;padding:.6rem .9rem;border-radius:0 8px 8px 0;margin:0 0 1rem}
.ok-box{border-left:4px solid var(--ok,#1f6b45);background:var(--ok-soft,#e5f3ea);padding:.6rem .9rem;border-radius:0 8px 8px 0;margin:0 0 1rem}
.summary-list{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem;margin:0 0 1rem}
.summary-list dt{color:var(--muted,#4b5563)}
.summary-list dd{margin:0;font-weight:600}
.actions-row{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center}
.inline-form{display:inline}
.status-pill{display:inline-block;padding:.05rem .55rem;border-radius:6px;font-size:.8rem;font-weight:700;border:1px solid #b9b09c}
.status-pill.paid{color:#1f6b45;border-color:#9cc9b0;background:#e5f3ea}
.status-pill.refunded,.status-pill.failed,.status-pill.expired{color:#a61b1b;border-color:#efc6bc;background:#fdeeee}
.steps td.amount{text-align:right}
.big-figure{font-size:2rem;font-weight:800;font-variant-numeric:tabular-nums}
.emulator{max-width:32rem;margin:2rem auto;background:#fff;border:1px solid #ccc;border-radius:14px;padding:1.25rem 1.5rem;font-family:system-ui,sans-serif}
.emulator .banner{background:#635bff;color:#fff;border-radius:8px;padding:.4rem .75rem;font-size:.85rem;margin:0 0 1rem}
.emulator button{font:inherit;min-height:44px;padding:.5rem 1rem;border-radius:8px;border:2px solid #635bff;background:#635bff;color:#fff;font-weight:700;cursor:pointer;margin:.25rem .25rem .25rem 0}
.emulator button.secondary{background:#fff;color:#635bff}
.emulator button.danger{border-color:#a61b1b;background:#fff;color:#a61b1b}

/* printable documents */
.doc-body{margin:0;background:#eee;color:#000;font-family:"Hiragino Mincho ProN","Yu Mincho","Noto Serif CJK JP","Noto Serif JP",serif}
.doc-tools{max-width:210mm;margin:1rem auto;font-family:system-ui,sans-serif;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.sheet{position:relative;width:210mm;min-height:297mm;margin:0 auto 2rem;background:#fff;padding:18mm 18mm;box-sizing:border-box;box-shadow:0 2px 12px rgba(0,0,0,.15);overflow:hidden}
.sheet h1{text-align:center;font-size:20pt;letter-spacing:.3em;margin:0 0 8mm}
.sheet .subtitle{text-align:center;font-size:9pt;margin:-6mm 0 8mm;color:#333}
.sheet .number{text-align:right;font-size:10pt;margin:0 0 6mm}
.sheet table{width:100%;border-collapse:collapse;font-size:11pt;margin:0 0 6mm}
.sheet th,.sheet td{border:1px solid #000;padding:3mm 3mm;text-align:left;vertical-align:top}
.sheet th{width:32mm;background:#f4f4f4;font-weight:600;white-space:nowrap}
.sheet .amount-cell{font-size:16pt;font-weight:700}
.sheet .statement{font-size:10pt;line-height:1.8;margin:0 0 8mm}
.sheet .issuer{margin-left:auto;width:95mm;font-size:11pt;line-height:1.8;position:relative}
.sheet .seal{position:absolute;right:0;top:0;width:18mm;height:18mm;border:1.5px solid #b00;color:#b00;display:flex;align-items:center;justify-content:center;font-size:9pt}
.sheet .fine{font-size:8.5pt;color:#333;margin-top:8mm;line-height:1.6}
.sheet .void-stamp{position:absolute;top:95mm;left:50%;transform:translateX(-50%) rotate(-18deg);border:5px double #c00;color:#c00;font-size:34pt;font-weight:800;padding:4mm 10mm;letter-spacing:.15em;background:rgba(255,255,255,.6);text-align:center;line-height:1.2;font-family:system-ui,sans-serif}
.sheet .void-stamp small{display:block;font-size:10pt;letter-spacing:0}
.sheet .boxes{display:flex;gap:0}
.sheet .boxes span{display:inline-block;width:9mm;height:10mm;border:1px solid #000;border-left-width:0}
.sheet .boxes span:first-child{border-left-width:1px}
.sheet .blank{display:inline-block;min-width:50mm;border-bottom:1px solid #000;height:1.4em}
.sheet .blank.short{min-width:12mm}
.onestop-form h1{margin-bottom:6mm}
.onestop-form table{margin-bottom:4mm}
.onestop-form th,.onestop-form td{padding:2mm 3mm}
.sheet .checkbox{display:flex;gap:3mm;align-items:flex-start;margin:0 0 3mm;font-size:10pt;line-height:1.6}
.sheet .checkbox .box{flex:none;width:5mm;height:5mm;border:1px solid #000;margin-top:1mm}
.sheet .mynumber-note{font-size:8.5pt;color:#333;margin:1mm 0 0}
@page{size:A4;margin:0}
@media print{
  .doc-body{background:#fff}
  .doc-tools{display:none}
  .sheet{margin:0;box-shadow:none;width:210mm;height:297mm;min-height:0;page-break-after:avoid;break-after:avoid}
  .sheet .void-stamp{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
`;

export const DONATION_CSS_HASH = createHash('sha256').update(DONATION_CSS).digest('hex').slice(0, 12);
export const DONATION_CSS_PATH = '/assets/donations.css';
export const DONATION_CSS_HREF = `${DONATION_CSS_PATH}?v=${DONATION_CSS_HASH}`;
