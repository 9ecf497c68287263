import type { RegionalPlan } from '../../functions/domain/regional-plans.js';
import { t, pick, type Lang } from '../../functions/i18n/index.js';
import { CorporateStyles, FieldError, Notice, ProblemList, type FieldProblem } from '../components/corporate-ui.js';
import { JstDate } from '../components/date.js';
import { townName, type TownIndex } from '../components/town-badge.js';
import { Layout, type PageCtx } from '../layout.js';

export interface PlanTargetChoice {
  kind: 'challenge' | 'fund';
  id: string;
  title: string;
  titleEn: string;
}

export interface PlanFormValues {
  name?: string;
  approvedOn?: string;
  periodStart?: string;
  periodEnd?: string;
  projects: { name?: string; targets: string[] }[];
}

export interface RegionalPlansProps {
  ctx: PageCtx;
  towns: TownIndex;
  /** Towns whose plans the reader may register (a treasurer's towns; every town for the admin). */
  editableTowns: string[];
  plansByTown: { town: string; plans: (RegionalPlan & { current: boolean })[] }[];
  choices: Record<string, PlanTargetChoice[]>;
  flash?: string;
  failed?: { town: string; values: PlanFormValues; problems: FieldProblem[] };
}

/** Empty project blocks offered by the no-JavaScript form; unused ones are left blank. */
export const PROJECT_SLOTS = 3;

export function RegionalPlansPage(props: RegionalPlansProps) {
  const { ctx } = props;
  const { lang } = ctx;
  const titleOf = (town: string, kind: 'challenge' | 'fund', id: string) => {
    const c = props.choices[town]?.find((x) => x.kind === kind && x.id === id);
    return c ? pick(lang, c.title, c.titleEn) : id;
  };
  return (
    <Layout ctx={ctx} title={t(lang, 'corporate.plans.title')}>
      <CorporateStyles />
      <nav class="breadcrumb" aria-label="breadcrumb">
        <a href="/treasurer/pledges">{t(lang, 'corporate.treasurer.title')}</a> /
      </nav>
      <header class="page-head">
        <h1>{t(lang, 'corporate.plans.title')}</h1>
        <p class="lead">{t(lang, 'corporate.plans.lead')}</p>
      </header>
      {props.flash ? <Notice kind="ok">{props.flash}</Notice> : null}
      {props.plansByTown.map(({ town, plans }) => (
        <section aria-labelledby={`plans-${town}`} data-town={town}>
          <h2 id={`plans-${town}`}>{townName(lang, props.towns, town)}</h2>
          {plans.length ? (
            plans.map((p) => (
              <article class="pledge-card" data-plan={p.id}>
                <h3>{p.name}</h3>
                <dl class="kv">
                  <dt>{t(lang, 'corporate.plans.approvedOn')}</dt>
                  <dd>
                    <JstDate lang={lang} date={p.approvedOn} />
                  </dd>
                  <dt>{t(lang, 'corporate.plans.period')}</dt>
                  <dd>
                    <JstDate lang={lang} date={p.periodStart} /> – <JstDate lang={lang} date={p.periodEnd} /> <span class={`status ${p.current ? 'open' : ''}`}>{t(lang, p.current ? 'corporate.plans.current' : 'corporate.plans.notCurrent')}</span>
                  </dd>
                </dl>
                <ul>
                  {p.projects.map((pr) => (
                    <li>
                      <strong>{pr.name}</strong>:{' '}
                      {[...pr.challengeIds.map((id) => titleOf(town, 'challenge', id)), ...pr.fundIds.map((id) => titleOf(town, 'fund', id))].join(t(lang, 'corporate.sep.items')) || t(lang, 'corporate.plans.noTargets')}
                    </li>
                  ))}
                </ul>
              </article>
            ))
          ) : (
            <p>{t(lang, 'corporate.plans.none')}</p>
          )}
          {props.editableTowns.includes(town) ? <PlanForm {...props} town={town} lang={lang} /> : null}
        </section>
      ))}
    </Layout>
  );
}

function PlanForm(props: RegionalPlansProps & { town: string; lang: Lang }) {
  const { town, lang } = props;
  const failed = props.failed?.town === town ? props.failed : undefined;
  const v: PlanFormValues = failed?.values ?? { projects: [] };
  const problems = failed?.problems ?? [];
  const has = (path: string) => problems.some((p) => p.path === path);
  const choices = props.choices[town] ?? [];
  const id = (s: string) => `plan-${town}-${s}`;
  const dateField = (key: 'approvedOn' | 'periodStart' | 'periodEnd', label: 'corporate.plans.approvedOn' | 'corporate.plans.periodStart' | 'corporate.plans.periodEnd') => (
    <div class={`field${has(key) ? ' has-error' : ''}`}>
      <label for={id(key)}>{t(lang, label)}</label>
      <input id={id(key)} name={key} type="date" value={v[key] ?? ''} required />
      <FieldError lang={lang} problems={problems} path={key} />
    </div>
  );
  return (
    <form class="corp-form" method="post" action="/treasurer/regional-plans" novalidate>
      <input type="hidden" name="town" value={town} />
      <fieldset>
        <legend>{t(lang, 'corporate.plans.registerFor', { town: townName(lang, props.towns, town) })}</legend>
        {failed ? (
          <Notice kind="error">
            <strong>{t(lang, 'corporate.plans.refused')}</strong>
            <ProblemList lang={lang} problems={problems} />
          </Notice>
        ) : null}
        <div class={`field${has('name') ? ' has-error' : ''}`}>
          <label for={id('name')}>{t(lang, 'corporate.plans.name')}</label>
          <input id={id('name')} name="name" type="text" value={v.name ?? ''} maxlength={300} required />
          <FieldError lang={lang} problems={problems} path="name" />
        </div>
        {dateField('approvedOn', 'corporate.plans.approvedOn')}
        {dateField('periodStart', 'corporate.plans.periodStart')}
        {dateField('periodEnd', 'corporate.plans.periodEnd')}
        <FieldError lang={lang} problems={problems} path="projects" />
        {Array.from({ length: PROJECT_SLOTS }, (_, i) => {
          const pv = v.projects[i] ?? { targets: [] };
          return (
            <fieldset>
              <legend>{t(lang, 'corporate.plans.projectN', { n: i + 1 })}</legend>
              {i > 0 ? <p class="small muted">{t(lang, 'corporate.plans.optionalProject')}</p> : null}
              <div class={`field${has(`projects.${i}.name`) ? ' has-error' : ''}`}>
                <label for={id(`p${i}-name`)}>{t(lang, 'corporate.plans.projectName')}</label>
                <input id={id(`p${i}-name`)} name={`projects.${i}.name`} type="text" value={pv.name ?? ''} maxlength={200} />
                <FieldError lang={lang} problems={problems} path={`projects.${i}.name`} />
              </div>
              <p>{t(lang, 'corporate.plans.targets')}</p>
              {choices.map((c) => {
                const value = `${c.kind}:${c.id}`;
                return (
                  <label class="check">
                    <input type="checkbox" name={`projects.${i}.targets`} value={value} checked={pv.targets.includes(value)} />
                    <span>{pick(lang, c.title, c.titleEn)}</span>
                  </label>
                );
              })}
              <FieldError lang={lang} problems={problems.filter((p) => p.path.startsWith(`projects.${i}.challengeIds`) || p.path.startsWith(`projects.${i}.fundIds`))} path={problems.map((p) => p.path)} />
            </fieldset>
          );
        })}
        <button class="btn" type="submit">
          {t(lang, 'corporate.plans.register')}
        </button>
      </fieldset>
    </form>
  );
}
