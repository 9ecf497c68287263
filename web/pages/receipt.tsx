import { raw } from 'hono/html';
import type { ReceiptView } from '../views/donations.js';
import { formatJaDate } from '../../functions/domain/jst.js';
import { DONATION_CSS_HREF } from '../components/donation-styles.js';
import { t } from '../../functions/i18n/index.js';

const yen = (n: number) => n.toLocaleString('ja-JP');

/**
 * 寄附金受領証明書: a Japanese tax document, so Japanese first with English glosses for readers who chose
 * English. One A4 sheet; after a refund it carries a VOID stamp and must not be used.
 */
export function ReceiptDocument(props: { receipt: ReceiptView; backHref?: string }) {
  const r = props.receipt;
  // A Japanese document: readers who chose English get glosses beside the Japanese, not a translation.
  const glossed = r.lang !== 'ja';
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="ja">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{`寄附金受領証明書 ${r.receiptNumber}`}</title>
          <link rel="stylesheet" href={DONATION_CSS_HREF} />
        </head>
        <body class="doc-body">
          <div class="doc-tools">
            {props.backHref ? <a href={props.backHref}>{t(r.lang, 'donation.doc.back')}</a> : null}
            <span>{t(r.lang, 'donation.doc.print')}</span>
          </div>
          <article class="sheet receipt" data-receipt-number={r.receiptNumber} data-void={r.void ? 'true' : 'false'}>
            <h1>寄附金受領証明書</h1>
            {glossed ? <p class="subtitle">{t(r.lang, 'donation.receipt.subtitle')}</p> : null}
            <p class="number">
              No. <span class="receipt-number">{r.receiptNumber}</span>
            </p>
            <table>
              <tbody>
                <tr>
                  <th scope="row">{t(r.lang, 'donation.receipt.address')}</th>
                  <td>
                    〒{r.postalCode}
                    <br />
                    <span class="donor-address">{r.address}</span>
                  </td>
                </tr>
                <tr>
                  <th scope="row">{t(r.lang, 'donation.receipt.donor')}</th>
                  <td>
                    <span class="donor-name">{r.donorName}</span> 様
                  </td>
                </tr>
                <tr>
                  <th scope="row">{t(r.lang, 'donation.receipt.amount')}</th>
                  <td class="amount-cell">
                    金 <span class="amount">{yen(r.amount)}</span> 円
                  </td>
                </tr>
                <tr>
                  <th scope="row">{t(r.lang, 'donation.receipt.received')}</th>
                  <td>
                    <span class="received-wareki">{r.receivedOnWareki}</span>(<span class="received-seireki">{formatJaDate(r.receivedOn)}</span>)
                  </td>
                </tr>
                <tr>
                  <th scope="row">{t(r.lang, 'donation.receipt.purpose')}</th>
                  <td>
                    <span class="purpose">{r.purpose}</span>
                    {glossed && r.purposeEn !== r.purpose ? <div>{r.purposeEn}</div> : null}
                  </td>
                </tr>
              </tbody>
            </table>
            <p class="statement">
              上記の金額を寄附金として受領したことを証明します。
              <br />
              この寄附金は、ふるさと納税(地方公共団体に対する寄附金)として、所得税法第78条第2項第2号及び地方税法第37条の2第1項第1号・第314条の7第1項第1号に規定する寄附金控除(寄附金税額控除)の対象となります。
              {glossed ? (
                <>
                  <br />
                  {t(r.lang, 'donation.receipt.statement')}
                </>
              ) : null}
            </p>
            <div class="issuer">
              <div class="seal" aria-hidden="true">
                印
              </div>
              <div>
                〒{r.issuer.postalCode}
              </div>
              <div class="issuer-address">{r.issuer.address}</div>
              <div class="issuer-name">{r.issuer.name}</div>
              <div class="issuer-head">{r.issuer.mayor}</div>
              <div class="small">法人番号 {r.issuer.corporateNumber}</div>
            </div>
            <p class="fine">
              この証明書は確定申告の際に必要です。再発行はできませんので大切に保管してください。ワンストップ特例を申請された方は、確定申告をしない限り提出は不要です。
              <br />
              共創ファンド(横瀬町・磐梯町・海士町 共同運営)経由の寄附 / 寄附番号 {r.donationId}
            </p>
            {r.void ? (
              <div class="void-stamp" role="note">
                無効 VOID
                <small>返金済み{r.void.refundedDate ? ` ${formatJaDate(r.void.refundedDate)}` : ''} / refunded — not valid for tax</small>
              </div>
            ) : null}
          </article>
        </body>
      </html>
    </>
  );
}
