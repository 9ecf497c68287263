/** An application's content and its review history, as the company and the reviewers read them. */
import type { Application, Review } from '../../functions/domain/applications.js';
import { sumYen } from '../../functions/domain/money.js';
import type { Lang } from '../i18n.js';
import { at } from './applications-i18n.js';
import { JstDate } from './date.js';
import { townName, type TownIndex } from './town-badge.js';
import { AppStatusBadge, DecisionBadge } from './workspace.js';
import { Yen } from './yen.js';

const townList = (lang: Lang, towns: TownIndex, codes: readonly string[]) => codes.map((c) => townName(lang, towns, c)).join(lang === 'ja' ? '・' : ', ');

export function ApplicationFacts(props: { lang: Lang; app: Application; towns: TownIndex }) {
  const { lang, app, towns } = props;
  return (
    <section aria-labelledby="facts-heading" class="panel">
      <h2 id="facts-heading">{at(lang, 'view.details')}</h2>
      <dl class="kv">
        <dt>{at(lang, 'col.status')}</dt>
        <dd>
          <AppStatusBadge lang={lang} status={app.status} /> {app.round > 0 ? <span class="muted small">{at(lang, 'view.round', { n: app.round })}</span> : null}
        </dd>
        <dt>{at(lang, 'col.company')}</dt>
        <dd>{app.companyName}</dd>
        <dt>{at(lang, 'form.summary')}</dt>
        <dd class="prose">{app.summary}</dd>
        <dt>{at(lang, 'form.problem')}</dt>
        <dd class="prose">{app.problem}</dd>
        <dt>{at(lang, 'form.proposal')}</dt>
        <dd class="prose">{app.proposal}</dd>
        <dt>{at(lang, 'form.towns')}</dt>
        <dd>{townList(lang, towns, app.towns)}</dd>
        <dt>{at(lang, 'form.requestedAmount')}</dt>
        <dd>
          <Yen amount={app.requestedAmount} />
        </dd>
        <dt>{at(lang, 'form.budget')}</dt>
        <dd>
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{at(lang, 'form.budgetItem')}</th>
                  <th scope="col" class="amount">
                    {at(lang, 'form.budgetAmount')}
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
                  <th scope="row">{at(lang, 'col.amount')}</th>
                  <td class="amount">
                    <Yen amount={sumYen(app.budget.map((l) => l.amount))} />
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        </dd>
        <dt>{at(lang, 'form.kpis')}</dt>
        <dd>
          <ul>
            {app.kpis.map((k) => (
              <li>{k}</li>
            ))}
          </ul>
        </dd>
        <dt>{at(lang, 'form.schedule')}</dt>
        <dd>
          <JstDate lang={lang} date={app.startDate} /> – <JstDate lang={lang} date={app.endDate} />
        </dd>
        <dt>{at(lang, 'form.corporateVersion')}</dt>
        <dd>{at(lang, app.corporateVersion ? 'view.corporateYes' : 'view.corporateNo')}</dd>
        {app.contact ? (
          <>
            <dt>{at(lang, 'form.contact')}</dt>
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
      <h2 id="decisions-heading">{at(lang, 'view.decisions')}</h2>
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
      <h2 id="history-heading">{at(lang, 'view.history')}</h2>
      {reviews.length === 0 ? (
        <p class="muted">{at(lang, 'view.noHistory')}</p>
      ) : (
        <ol class="history">
          {reviews.map((r) => (
            <li data-review-town={r.town} data-review-round={r.round}>
              <p class="who">
                {at(lang, 'view.round', { n: r.round })} · {at(lang, 'detail.by', { town: townName(lang, towns, r.town), name: r.reviewerName ?? r.reviewerId })} ·{' '}
                <time datetime={r.at}>{r.at.slice(0, 10)}</time>
              </p>
              <p>
                <DecisionBadge lang={lang} decision={r.decision} />{' '}
                <span class="small muted">
                  {at(lang, 'detail.scores')}: {at(lang, 'detail.score.proposer')} {r.scores.proposer} / {at(lang, 'detail.score.residents')} {r.scores.residents} / {at(lang, 'detail.score.town')}{' '}
                  {r.scores.town}
                </span>
              </p>
              <p class="prose" data-public-answer>
                <strong>{at(lang, 'detail.publicAnswer')}:</strong> {r.publicAnswer}
              </p>
              {r.privateNote ? (
                <p class="private prose" data-private-note>
                  <strong>{at(lang, 'detail.privateNote')}:</strong> {r.privateNote}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
