/** An application's content and its review history, as the company and the reviewers read them. */
import type { Application, Review } from '../../functions/domain/applications.js';
import { sumYen } from '../../functions/domain/money.js';
import { type Lang, t } from '../../functions/i18n/index.js';
import { JstDate } from './date.js';
import { townName, type TownIndex } from './town-badge.js';
import { AppStatusBadge, DecisionBadge } from './workspace.js';
import { Yen } from './yen.js';

const townList = (lang: Lang, towns: TownIndex, codes: readonly string[]) => codes.map((c) => townName(lang, towns, c)).join(t(lang, 'cocreation.townSep'));

export function ApplicationFacts(props: { lang: Lang; app: Application; towns: TownIndex }) {
  const { lang, app, towns } = props;
  return (
    <section aria-labelledby="facts-heading" class="panel">
      <h2 id="facts-heading">{t(lang, 'cocreation.view.details')}</h2>
      <dl class="kv">
        <dt>{t(lang, 'cocreation.col.status')}</dt>
        <dd>
          <AppStatusBadge lang={lang} status={app.status} /> {app.round > 0 ? <span class="muted small">{t(lang, 'cocreation.view.round', { n: app.round })}</span> : null}
        </dd>
        <dt>{t(lang, 'cocreation.col.company')}</dt>
        <dd>{app.companyName}</dd>
        <dt>{t(lang, 'cocreation.form.summary')}</dt>
        <dd class="prose">{app.summary}</dd>
        <dt>{t(lang, 'cocreation.form.problem')}</dt>
        <dd class="prose">{app.problem}</dd>
        <dt>{t(lang, 'cocreation.form.proposal')}</dt>
        <dd class="prose">{app.proposal}</dd>
        <dt>{t(lang, 'cocreation.form.towns')}</dt>
        <dd>{townList(lang, towns, app.towns)}</dd>
        <dt>{t(lang, 'cocreation.form.requestedAmount')}</dt>
        <dd>
          <Yen amount={app.requestedAmount} />
        </dd>
        <dt>{t(lang, 'cocreation.form.budget')}</dt>
        <dd>
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'cocreation.form.budgetItem')}</th>
                  <th scope="col" class="amount">
                    {t(lang, 'cocreation.form.budgetAmount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {app.budget.map((l) => (
                  <tr>
                    <td>{l.item}</td>
                    <td class="amount">
                      <Yen amount={l.amount} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t(lang, 'cocreation.col.amount')}</th>
                  <td class="amount">
                    <Yen amount={sumYen(app.budget.map((l) => l.amount))} />
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        </dd>
        <dt>{t(lang, 'cocreation.form.kpis')}</dt>
        <dd>
          <ul>
            {app.kpis.map((k) => (
              <li>{k}</li>
            ))}
          </ul>
        </dd>
        <dt>{t(lang, 'cocreation.form.schedule')}</dt>
        <dd>
          <JstDate lang={lang} date={app.startDate} /> – <JstDate lang={lang} date={app.endDate} />
        </dd>
        <dt>{t(lang, 'cocreation.form.corporateVersion')}</dt>
        <dd>{t(lang, app.corporateVersion ? 'cocreation.view.corporateYes' : 'cocreation.view.corporateNo')}</dd>
        {app.contact ? (
          <>
            <dt>{t(lang, 'cocreation.form.contact')}</dt>
            <dd>
              {app.contact.name} &lt;{app.contact.email}&gt;
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** Each named town's latest decision in the current round. */
export function Decisions(props: { lang: Lang; app: Application; towns: TownIndex }) {
  const { lang, app, towns } = props;
  if (app.round === 0) return null;
  return (
    <section aria-labelledby="decisions-heading">
      <h2 id="decisions-heading">{t(lang, 'cocreation.view.decisions')}</h2>
      <ul class="badges">
        {app.towns.map((code) => (
          <li data-town={code}>
            {townName(lang, towns, code)} <DecisionBadge lang={lang} decision={app.decisions[code]} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every round's reviews, newest first; a private note is in the list only if the reader may see it. */
export function ReviewHistory(props: { lang: Lang; reviews: Review[]; towns: TownIndex }) {
  const { lang, towns } = props;
  const reviews = [...props.reviews].reverse();
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t(lang, 'cocreation.view.history')}</h2>
      {reviews.length === 0 ? (
        <p class="muted">{t(lang, 'cocreation.view.noHistory')}</p>
      ) : (
        <ol class="history">
          {reviews.map((r) => (
            <li data-review-town={r.town} data-review-round={r.round}>
              <p class="who">
                {t(lang, 'cocreation.view.round', { n: r.round })} · {t(lang, 'cocreation.detail.by', { town: townName(lang, towns, r.town), name: r.reviewerName ?? r.reviewerId })} ·{' '}
                <time datetime={r.at}>{r.at.slice(0, 10)}</time>
              </p>
              <p>
                <DecisionBadge lang={lang} decision={r.decision} />{' '}
                <span class="small muted">
                  {t(lang, 'cocreation.detail.scores')}: {t(lang, 'cocreation.detail.score.proposer')} {r.scores.proposer} / {t(lang, 'cocreation.detail.score.residents')} {r.scores.residents} / {t(lang, 'cocreation.detail.score.town')}{' '}
                  {r.scores.town}
                </span>
              </p>
              <p class="prose" data-public-answer>
                <strong>{t(lang, 'cocreation.detail.publicAnswer')}:</strong> {r.publicAnswer}
              </p>
              {r.privateNote ? (
                <p class="private prose" data-private-note>
                  <strong>{t(lang, 'cocreation.detail.privateNote')}:</strong> {r.privateNote}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
