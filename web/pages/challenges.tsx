import type { ChallengeStatus, Municipality } from '../../functions/domain/catalog.js';
import type { ChallengeView } from '../views/catalog.js';
import { ChallengeCard } from '../components/challenge-card.js';
import { indexTowns } from '../components/town-badge.js';
import { pick, t, type Lang } from '../../functions/i18n/index.js';
import { Layout, type PageCtx } from '../layout.js';

export interface ChallengeFilter {
  town?: string;
  status?: ChallengeStatus;
  q?: string;
}

export function ChallengesPage(props: {
  ctx: PageCtx;
  challenges: ChallengeView[];
  towns: Municipality[];
  /** The statuses the public may filter on, decided by the route. */
  statuses: readonly ChallengeStatus[];
  filter: ChallengeFilter;
}) {
  const { ctx, challenges, towns } = props;
  const { lang } = ctx;
  const index = indexTowns(towns);
  return (
    <Layout ctx={ctx} title={t(lang, 'challenges.title')} active="challenges">
      <header class="page-head">
        <h1>{t(lang, 'challenges.title')}</h1>
        <p class="lead">{t(lang, 'challenges.lead')}</p>
      </header>
      <Filters lang={lang} towns={towns} statuses={props.statuses} filter={props.filter} />
      <p class="muted small" role="status">
        {t(lang, 'challenges.count', { n: challenges.length })}
      </p>
      {challenges.length ? (
        <div class="grid">
          {challenges.map((c) => (
            <ChallengeCard lang={lang} challenge={c} towns={index} headingLevel={2} />
          ))}
        </div>
      ) : (
        <p>{t(lang, 'challenges.none')}</p>
      )}
    </Layout>
  );
}

/** A plain GET form: filters live in the URL, so they work without JavaScript and can be shared. */
function Filters(props: { lang: Lang; towns: Municipality[]; statuses: readonly ChallengeStatus[]; filter: ChallengeFilter }) {
  const { lang, filter } = props;
  return (
    <form class="filters" method="get" action="/challenges" role="search">
      <fieldset>
        <legend>{t(lang, 'filter.legend')}</legend>
        <div class="field">
          <label for="f-town">{t(lang, 'filter.town')}</label>
          <select id="f-town" name="town">
            <option value="">{t(lang, 'filter.anyTown')}</option>
            {props.towns.map((town) => (
              <option value={town.code} selected={filter.town === town.code}>
                {pick(lang, town.name, town.nameEn)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-status">{t(lang, 'filter.status')}</label>
          <select id="f-status" name="status">
            <option value="">{t(lang, 'filter.anyStatus')}</option>
            {props.statuses.map((s) => (
              <option value={s} selected={filter.status === s}>
                {t(lang, `status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field wide">
          <label for="f-q">{t(lang, 'filter.keyword')}</label>
          <input id="f-q" type="search" name="q" value={filter.q ?? ''} placeholder={t(lang, 'filter.keywordHint')} maxlength={100} />
        </div>
        <div class="filter-actions">
          <button class="btn" type="submit">
            {t(lang, 'filter.submit')}
          </button>
          {filter.town || filter.status || filter.q ? <a href="/challenges">{t(lang, 'filter.reset')}</a> : null}
        </div>
      </fieldset>
    </form>
  );
}
