import type { Yen as YenAmount } from '../../functions/domain/money.js';
import { BackOfficeStyles, fid, Input, Problems, Select, type FieldErrors } from '../components/back-office-ui.js';
import { t } from '../../functions/i18n/index.js';
import { townName, type TownIndex } from '../components/town-badge.js';
import { Yen } from '../components/yen.js';
import { WorkspaceStyles } from '../components/workspace.js';
import { Layout, type PageCtx } from '../layout.js';

export interface AllocationFormValues {
  fundId: string;
  challengeId: string;
  mode: 'draws' | 'split';
  amounts: Record<string, string>;
  total: string;
  comment: string;
}

export interface AllocationFormProps {
  ctx: PageCtx;
  town: string;
  towns: TownIndex;
  funds: { id: string; name: string; shares: { town: string; available: YenAmount }[] }[];
  challenges: { id: string; title: string }[];
  values: AllocationFormValues;
  errors: FieldErrors;
  problem?: string;
}

export function AllocationFormPage(p: AllocationFormProps) {
  const { lang } = p.ctx;
  const v = p.values;
  const fund = p.funds.find((f) => f.id === v.fundId) ?? p.funds[0];
  return (
    <Layout ctx={p.ctx} title={t(lang, 'treasury.al.new')}>
      <WorkspaceStyles />
      <BackOfficeStyles />
      <p class="breadcrumb">
        <a href={`/treasurer?town=${p.town}`}>{t(lang, 'treasury.bo.back')}</a>
      </p>
      <div class="page-head">
        <h1>{t(lang, 'treasury.al.new')}</h1>
        <p class="lead">{t(lang, 'treasury.al.newLead')}</p>
      </div>
      <Problems lang={lang} message={p.problem} errors={p.errors} />
      {fund ? (
        <form class="form" method="post" action={`/treasurer/allocations?town=${p.town}`} data-testid="allocation-form">
          <Select name="fundId" label={t(lang, 'treasury.al.fund')} value={fund.id} options={p.funds.map((f) => ({ value: f.id, label: f.name }))} errors={p.errors} />
          <Select name="challengeId" label={t(lang, 'treasury.al.challenge')} value={v.challengeId} options={p.challenges.map((c) => ({ value: c.id, label: c.title }))} errors={p.errors} />
          <fieldset class="group">
            <legend>{t(lang, 'treasury.al.mode')}</legend>
            <div class="choices">
              <label>
                <input type="radio" name="mode" value="draws" checked={v.mode !== 'split'} /> {t(lang, 'treasury.al.mode.draws')}
              </label>
              <label>
                <input type="radio" name="mode" value="split" checked={v.mode === 'split'} /> {t(lang, 'treasury.al.mode.split')}
              </label>
            </div>
          </fieldset>
          <fieldset class={`group${Object.keys(p.errors).some((k) => k.startsWith('amount_')) ? ' invalid' : ''}`} id={fid('draws')}>
            <legend>{t(lang, 'treasury.al.drawsLegend')}</legend>
            <p class="hint">{t(lang, 'treasury.al.drawsHint')}</p>
            <div class="pair">
              {fund.shares.map((s) => (
                <Input
                  name={`amount_${s.town}`}
                  label={townName(lang, p.towns, s.town)}
                  hint={t(lang, 'treasury.al.available', { amount: t(lang, 'treasury.al.yen', { n: new Intl.NumberFormat('ja-JP').format(s.available) }) })}
                  value={v.amounts[s.town]}
                  errors={p.errors}
                  inputmode="numeric"
                />
              ))}
            </div>
          </fieldset>
          <Input name="total" label={t(lang, 'treasury.al.splitTotal')} hint={t(lang, 'treasury.al.splitHint')} value={v.total} errors={p.errors} inputmode="numeric" />
          <div class="field">
            <label for="f-comment">{t(lang, 'treasury.bo.commentOptional')}</label>
            <textarea id="f-comment" name="comment" maxlength={1000}>
              {v.comment}
            </textarea>
          </div>
          <p class="small muted">
            {t(lang, 'treasury.al.total')}: <Yen amount={fund.shares.reduce((a, s) => a + s.available, 0)} /> ({t(lang, 'treasury.bo.fundShares', { fund: fund.name })})
          </p>
          <div class="form-actions">
            <button class="btn" type="submit">
              {t(lang, 'treasury.al.submit')}
            </button>
          </div>
        </form>
      ) : (
        <p class="muted">{t(lang, 'treasury.bo.none')}</p>
      )}
    </Layout>
  );
}
