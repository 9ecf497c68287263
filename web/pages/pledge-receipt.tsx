import { raw } from 'hono/html';
import { createHash } from 'node:crypto';
import type { Municipality } from '../../functions/domain/catalog.js';
import type { Pledge } from '../../functions/domain/corporate.js';
import { formatJaDate, jstDate, toWareki } from '../../functions/domain/jst.js';
import { formatYen } from '../../functions/domain/money.js';
import type { Lang } from '../../functions/i18n/index.js';
import { formatDate } from '../components/date.js';

/** The receipt's own sheet, served at /assets/pledge-receipt.css (CSP: no inline styles). */
export const PRINT_CSS = `
body{font-family:"Hiragino Mincho ProN","Yu Mincho","Noto Serif CJK JP",serif;margin:0;background:#f4f4f4;color:#111}
.sheet{max-width:720px;margin:16px auto;background:#fff;padding:32px 28px;border:1px solid #ccc}
h1{text-align:center;letter-spacing:.4em;font-size:1.6rem;margin:0 0 4px}
.en{color:#555;font-size:.8rem;font-family:system-ui,sans-serif}
.no{text-align:right;margin:0}
.to{font-size:1.2rem;border-bottom:1px solid #111;display:inline-block;padding:0 2em 2px 0;margin:24px 0 4px}
.amount{font-size:1.8rem;text-align:center;border:2px solid #111;padding:10px;margin:20px 0}
dl{display:grid;grid-template-columns:auto 1fr;gap:6px 16px;margin:16px 0}
dt{font-weight:bold}
dd{margin:0}
.issuer{text-align:right;margin-top:32px}
.note{font-size:.85rem;margin-top:24px}
.print{text-align:center;margin:12px 0 0}
.center{text-align:center}
@media print{body{background:#fff}.sheet{border:0;margin:0;max-width:none}.print{display:none}}
@media (max-width:480px){.sheet{padding:20px 14px;margin:0}.amount{font-size:1.4rem}}
`;
export const PRINT_CSS_HASH = createHash('sha256').update(PRINT_CSS).digest('hex').slice(0, 12);
export const PRINT_CSS_PATH = '/assets/pledge-receipt.css';

/**
 * 寄附金受領証 for a corporate-version donation. 地域再生法施行規則第14条 asks for the amount and the day it
 * was received (domain.md §2); the company, the plan's project and the issuing town make it usable for the
 * company's tax return. Japanese is the document; English lines are for reading only.
 */
export function PledgeReceiptPage(props: { pledge: Pledge; town?: Municipality; lang: Lang }) {
  const { pledge: p, town } = props;
  const receivedOn = p.receivedOn!;
  const issuedOn = p.paidAt ? jstDate(new Date(p.paidAt)) : receivedOn;
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="ja">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{`寄附金受領証 ${p.receiptNumber ?? ''} | 共創ファンド`}</title>
          <link rel="stylesheet" href={`${PRINT_CSS_PATH}?v=${PRINT_CSS_HASH}`} />
        </head>
        <body>
          <main class="sheet">
            <p class="no">
              No. <span data-receipt-number>{p.receiptNumber}</span>
            </p>
            <p class="no">発行日 {toWareki(issuedOn)}</p>
            <h1>寄附金受領証</h1>
            <p class="en center">Receipt for a corporate-version hometown-tax donation (企業版ふるさと納税)</p>
            <p class="to">{p.companyName} 御中</p>
            <p class="en">
              法人番号 {p.corporateNumber} / {p.companyAddress}
            </p>
            <p class="amount" data-amount={String(p.amount)}>
              金 {p.amount.toLocaleString('ja-JP')} 円
              <br />
              <span class="en">Amount received: {formatYen(p.amount)}</span>
            </p>
            <dl>
              <dt>受領日</dt>
              <dd>
                <time datetime={receivedOn}>
                  {toWareki(receivedOn)}({formatJaDate(receivedOn)})
                </time>
                <br />
                <span class="en">Received on {formatDate('en', receivedOn)}</span>
              </dd>
              <dt>寄附の対象</dt>
              <dd>
                {p.planName}に記載の「{p.projectName}」(まち・ひと・しごと創生寄附活用事業)
                <br />「{p.targetTitle}」
                <br />
                <span class="en">
                  For the project “{p.projectName}” of the approved regional revitalization plan — {p.targetTitleEn}
                </span>
              </dd>
            </dl>
            <p>上記の金額を、地方創生応援税制(企業版ふるさと納税)の対象となる寄附金として受領しました。</p>
            <p class="en">We have received the amount above as a donation under the corporate-version hometown tax scheme.</p>
            <div class="issuer">
              <p>{town ? `〒${town.postalCode} ${town.address}` : p.receivingTown}</p>
              <p>
                <strong>{town?.mayor ?? p.receivingTown}</strong>
              </p>
              {town ? <p class="en">Head of {town.nameEn}, {town.prefectureEn}</p> : null}
            </div>
            <p class="note">
              この受領証は地域再生法施行規則第14条に基づき、寄附金の額及び受領した日を証するものです。税務申告の証明書類として大切に保管してください。
              <br />
              <span class="en">Issued under Article 14 of the Enforcement Regulations of the Regional Revitalization Act, stating the amount and the date received. Keep it for the company’s tax return.</span>
            </p>
            <p class="print en">印刷はブラウザの印刷機能をお使いください / Use your browser’s print command.</p>
          </main>
        </body>
      </html>
    </>
  );
}
