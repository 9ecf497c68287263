import { raw } from 'hono/html';
import type { OneStopFormView } from '../views/donations.js';
import { DONATION_CSS_HREF } from '../components/donation-styles.js';
import { pick, t } from '../../functions/i18n/index.js';

const yen = (n: number) => n.toLocaleString('ja-JP');

/**
 * 寄附金税額控除に係る申告特例申請書 (様式55号の5), prefilled from the donation. The My Number boxes stay
 * empty on purpose: the platform never receives a My Number; the donor writes it by hand. Phone, sex and
 * birth date are left blank too (we never asked for them).
 */
export function OneStopFormDocument(props: { form: OneStopFormView; backHref?: string }) {
  const f = props.form;
  // A Japanese form: readers who chose English get glosses beside the Japanese.
  const glossed = f.lang !== 'ja';
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="ja">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>申告特例申請書(ワンストップ特例)</title>
          <link rel="stylesheet" href={DONATION_CSS_HREF} />
        </head>
        <body class="doc-body">
          <div class="doc-tools">
            {props.backHref ? <a href={props.backHref}>{t(f.lang, 'donation.doc.back')}</a> : null}
            <span>
              {t(f.lang, 'donation.oneStopForm.print', { town: pick(f.lang, f.issuer.name, f.issuer.nameEn), deadline: pick(f.lang, f.deadlineWareki, f.deadline) })}
            </span>
          </div>
          <article class="sheet onestop-form" data-donation={f.donationId}>
            <h1>申告特例申請書</h1>
            <p class="subtitle">{t(f.lang, 'donation.oneStopForm.subtitle')}</p>
            <p class="number">
              申請日 令和 <span class="blank short" /> 年 <span class="blank short" /> 月 <span class="blank short" /> 日
            </p>
            <p>
              <span class="issuer-head">{f.issuer.mayor}</span> 殿
            </p>
            <table>
              <tbody>
                <tr>
                  <th scope="row">住所</th>
                  <td>
                    〒{f.postalCode}
                    <br />
                    <span class="donor-address">{f.address}</span>
                  </td>
                </tr>
                <tr>
                  <th scope="row">フリガナ</th>
                  <td class="donor-kana">{f.nameKana}</td>
                </tr>
                <tr>
                  <th scope="row">氏名</th>
                  <td class="donor-name">{f.name}</td>
                </tr>
                <tr>
                  <th scope="row">電話番号</th>
                  <td>
                    <span class="blank" />
                  </td>
                </tr>
                <tr>
                  <th scope="row">性別</th>
                  <td>□ 男 □ 女</td>
                </tr>
                <tr>
                  <th scope="row">生年月日</th>
                  <td>
                    明・大・昭・平・令 <span class="blank short" /> 年 <span class="blank short" /> 月 <span class="blank short" /> 日
                  </td>
                </tr>
                <tr>
                  <th scope="row">個人番号</th>
                  <td>
                    <div class="boxes my-number-boxes" data-my-number="blank">
                      {Array.from({ length: 12 }, () => (
                        <span />
                      ))}
                    </div>
                    <p class="mynumber-note">
                      マイナンバー(個人番号)はご自身で手書きしてください。共創ファンドはマイナンバーを受け付けず、保存もしません。
                      {glossed ? ` ${t(f.lang, 'donation.oneStopForm.myNumberGloss')}` : ''}
                    </p>
                  </td>
                </tr>
                <tr>
                  <th scope="row">寄附年月日</th>
                  <td class="donated-on">{f.donatedOnWareki}</td>
                </tr>
                <tr>
                  <th scope="row">寄附金額</th>
                  <td class="amount-cell">
                    <span class="amount">{yen(f.amount)}</span> 円
                  </td>
                </tr>
              </tbody>
            </table>
            <p>
              <strong>申告特例対象寄附者であることの申告</strong>(該当する場合にチェックしてください)
            </p>
            <div class="checkbox">
              <span class="box" />
              <span>地方税法附則第7条第1項(第8項)に規定する申告特例対象寄附者である(この寄附をした年の所得について所得税の確定申告書・市町村民税/道府県民税の申告書を提出する必要がない者である)。</span>
            </div>
            <div class="checkbox">
              <span class="box" />
              <span>地方税法附則第7条第2項(第9項)に規定する要件に該当する者である(この寄附をした年に、この申請を含め申告特例の求めを行う地方団体の数が5以下である見込みである)。</span>
            </div>
            <p class="fine">
              提出先: 〒{f.issuer.postalCode} {f.issuer.address} {f.issuer.name}({f.deadlineWareki}必着) / 寄附番号 {f.donationId}
              {f.receiptNumber ? ` / 受領証明書番号 ${f.receiptNumber}` : ''}
              <br />
              本人確認書類(マイナンバーカードの表裏の写し、または通知カード等と運転免許証等の写し)を添付してください。寄附1件ごとに1枚の申請書が必要です。住所・氏名に変更があった場合は、翌年1月10日までに申告特例申請事項変更届出書を提出してください。
            </p>
          </article>
        </body>
      </html>
    </>
  );
}
