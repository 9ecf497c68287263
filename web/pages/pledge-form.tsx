import { CORPORATE_MIN } from '../../functions/domain/corporate.js';
import { t, pick } from '../../functions/i18n/index.js';
import { CorporateStyles, FieldError, Notice, type FieldProblem } from '../components/corporate-ui.js';
import { townName, type TownIndex } from '../components/town-badge.js';
import { Layout, type PageCtx } from '../layout.js';
import type { PledgeOptionView as PledgeOption } from '../views/corporate.js';

export interface PledgeFormValues {
  receivingTown?: string;
  amount?: string;
  noEconomicBenefit?: boolean;
  discloseName?: boolean;
  discloseAmount?: boolean;
}

export interface PledgeFormProps {
  ctx: PageCtx;
  towns: TownIndex;
  options: PledgeOption[];
  /** The chosen challenge or fund; without one the page lists what can be chosen. */
  selected?: PledgeOption;
  companyId: string;
  headOfficeTown: string;
  values: PledgeFormValues;
  problems: FieldProblem[];
  /** One per rendering: resubmitting the same form (double click, back + submit) makes one pledge. */
  nonce: string;
}

const hrefOf = (o: PledgeOption) => `/company/pledges/new?${o.target.kind === 'challenge' ? 'challengeId' : 'fundId'}=${encodeURIComponent(o.target.id)}`;

export function PledgeFormPage(props: PledgeFormProps) {
  const { ctx } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'corporate.form.title')}>
      <CorporateStyles />
      <nav class="breadcrumb" aria-label="breadcrumb">
        <a href="/company/pledges">{t(lang, 'corporate.pledges.title')}</a> /
      </nav>
      <header class="page-head">
        <h1>{t(lang, 'corporate.form.title')}</h1>
        <p class="lead">{t(lang, 'corporate.form.lead')}</p>
      </header>
      {props.selected ? <Form {...props} selected={props.selected} /> : <Choose {...props} />}
    </Layout>
  );
}

function Choose(props: PledgeFormProps) {
  const { lang } = props.ctx;
  const group = (kind: 'challenge' | 'fund') => props.options.filter((o) => o.target.kind === kind);
  return (
    <section aria-labelledby="choose-heading">
      <h2 id="choose-heading">{t(lang, 'corporate.form.chooseTarget')}</h2>
      {(['challenge', 'fund'] as const).map((kind) => (
        <>
          <h3>{t(lang, kind === 'challenge' ? 'corporate.form.challenges' : 'corporate.form.funds')}</h3>
          <ul class="option-list">
            {group(kind).map((o) => (
              <li data-target={o.target.id}>
                <a href={hrefOf(o)}>
                  <strong>{pick(lang, o.title, o.titleEn)}</strong>
                </a>
                <p class="small muted">
                  {o.eligibleTowns.length
                    ? t(lang, 'corporate.form.eligibleVia', { towns: o.eligibleTowns.map((code) => townName(lang, props.towns, code)).join(t(lang, 'corporate.sep.towns')) })
                    : t(lang, 'corporate.form.noEligible')}
                </p>
                {o.operatorCompanyId === props.companyId ? <p class="small field-error">{t(lang, 'corporate.form.youOperate')}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ))}
    </section>
  );
}

function Form(props: PledgeFormProps & { selected: PledgeOption }) {
  const { lang } = props.ctx;
  const o = props.selected;
  const v = props.values;
  const targetField = o.target.kind === 'challenge' ? 'challengeId' : 'fundId';
  const has = (path: string) => props.problems.some((p) => p.path === path);
  const known = new Set(['amount', 'receivingTown', 'noEconomicBenefit', 'challengeId', 'fundId']);
  const other = props.problems.filter((p) => !known.has(p.path));
  return (
    <form class="corp-form" method="post" action="/company/pledges" novalidate>
      {props.problems.length ? (
        <Notice kind="error">
          <strong>{t(lang, 'corporate.form.refused')}</strong>
          <ul>
            {props.problems.map((p) => (
              <li data-code={p.code}>{p.message}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <input type="hidden" name="nonce" value={props.nonce} />
      <input type="hidden" name={targetField} value={o.target.id} />
      <fieldset class={has(targetField) ? 'has-error' : undefined}>
        <legend>{t(lang, 'corporate.form.target')}</legend>
        <p>
          <strong data-selected-target={o.target.id}>{pick(lang, o.title, o.titleEn)}</strong> <a href="/company/pledges/new">{t(lang, 'corporate.form.change')}</a>
        </p>
        <FieldError lang={lang} problems={props.problems} path={targetField} id="target-error" />
      </fieldset>
      <div class={`field${has('receivingTown') ? ' has-error' : ''}`}>
        <label for="receivingTown">{t(lang, 'corporate.form.town')}</label>
        <select id="receivingTown" name="receivingTown" aria-describedby="town-hint town-error">
          {o.towns.map((code) => (
            <option value={code} selected={v.receivingTown === code}>
              {townName(lang, props.towns, code)}
              {o.eligibleTowns.includes(code) ? '' : ` ${t(lang, 'corporate.form.notEligibleTown')}`}
            </option>
          ))}
        </select>
        <p id="town-hint" class="small muted">
          {t(lang, 'corporate.form.townHint')}
        </p>
        <FieldError lang={lang} problems={props.problems} path="receivingTown" id="town-error" />
      </div>
      <div class={`field${has('amount') ? ' has-error' : ''}`}>
        <label for="amount">{t(lang, 'corporate.form.amount')}</label>
        <input id="amount" name="amount" type="number" inputmode="numeric" min={CORPORATE_MIN} step={1} value={v.amount ?? ''} required aria-describedby="amount-hint amount-error" />
        <p id="amount-hint" class="small muted">
          {t(lang, 'corporate.form.amountHint')}
        </p>
        <FieldError lang={lang} problems={props.problems} path="amount" id="amount-error" />
      </div>
      <fieldset class={has('noEconomicBenefit') ? 'has-error' : undefined}>
        <legend>{t(lang, 'corporate.form.declaration')}</legend>
        <label class="check">
          <input type="checkbox" name="noEconomicBenefit" value="true" checked={Boolean(v.noEconomicBenefit)} aria-describedby="benefit-error" />
          <span>{t(lang, 'corporate.form.noEconomicBenefit')}</span>
        </label>
        <FieldError lang={lang} problems={props.problems} path="noEconomicBenefit" id="benefit-error" />
      </fieldset>
      <fieldset>
        <legend>{t(lang, 'corporate.form.disclosure')}</legend>
        <label class="check">
          <input type="checkbox" name="discloseName" value="true" checked={Boolean(v.discloseName)} />
          <span>{t(lang, 'corporate.form.discloseName')}</span>
        </label>
        <label class="check">
          <input type="checkbox" name="discloseAmount" value="true" checked={Boolean(v.discloseAmount)} />
          <span>{t(lang, 'corporate.form.discloseAmount')}</span>
        </label>
      </fieldset>
      {other.length ? <FieldError lang={lang} problems={other} path={other.map((p) => p.path)} /> : null}
      <div class="actions-row">
        <button class="btn" type="submit">
          {t(lang, 'corporate.form.submit')}
        </button>
        <a href="/company/pledges">{t(lang, 'corporate.form.backToList')}</a>
      </div>
    </form>
  );
}

