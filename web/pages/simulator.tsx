import type { DeductionResult } from '../../functions/domain/deduction.js';
import { DONATION_CSS_HREF } from '../components/donation-styles.js';
import { t } from '../../functions/i18n/index.js';
import { Yen } from '../components/yen.js';
import { Layout, type PageCtx } from '../layout.js';

export interface SimulatorValues {
  salary?: string;
  spouseDeduction?: boolean;
  children16to18?: string;
  children19to22?: string;
  socialInsurance?: string;
}

const pct = (rate: number) => `${(Math.round(rate * 100_000) / 1000).toString()}%`;

/** A GET form: the result has its own URL, works without JavaScript and can be shared. */
export function SimulatorPage(props: { ctx: PageCtx; values: SimulatorValues; result?: DeductionResult; error?: string }) {
  const { ctx, values: v, result } = props;
  const { lang } = ctx;
  const num = (name: keyof SimulatorValues, label: string, value: string | undefined, hint?: string) => (
    <div class="field">
      <label for={`sim-${name}`}>{label}</label>
      <input id={`sim-${name}`} name={name} type="text" inputmode="numeric" value={value ?? ''} />
      {hint ? <span class="hint">{hint}</span> : null}
    </div>
  );
  return (
    <Layout ctx={ctx} title={t(lang, 'donation.sim.title')} active="simulator">
      <link rel="stylesheet" href={DONATION_CSS_HREF} />
      <header class="page-head">
        <h1>{t(lang, 'donation.sim.title')}</h1>
        <p class="lead">{t(lang, 'donation.sim.lead')}</p>
      </header>
      <form class="donate-form panel" method="get" action="/simulator">
        {num('salary', t(lang, 'donation.sim.salary'), v.salary ?? '5000000')}
        <fieldset>
          <legend>{t(lang, 'donation.sim.family')}</legend>
          <label class="check">
            <input type="checkbox" name="spouseDeduction" value="1" checked={Boolean(v.spouseDeduction)} /> <span>{t(lang, 'donation.sim.spouse')}</span>
          </label>
          {num('children16to18', t(lang, 'donation.sim.children16to18'), v.children16to18 ?? '0')}
          {num('children19to22', t(lang, 'donation.sim.children19to22'), v.children19to22 ?? '0')}
        </fieldset>
        {num('socialInsurance', t(lang, 'donation.sim.socialInsurance'), v.socialInsurance, t(lang, 'donation.sim.socialInsuranceHint'))}
        {props.error ? (
          <p class="field-error" role="alert">
            {props.error}
          </p>
        ) : null}
        <button class="btn" type="submit">
          {t(lang, 'donation.sim.submit')}
        </button>
      </form>
      {result ? (
        <section aria-labelledby="sim-result" class="simulator-result">
          <h2 id="sim-result">{t(lang, 'donation.sim.result')}</h2>
          <p class="big-figure" data-ceiling={result.ceiling}>
            <Yen amount={result.ceiling} />
          </p>
          <p>{t(lang, 'donation.sim.resultNote')}</p>
          <h3>{t(lang, 'donation.sim.steps')}</h3>
          <div class="table-scroll">
            <table class="steps">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'donation.sim.step')}</th>
                  <th scope="col" class="amount">
                    {t(lang, 'donation.sim.value')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.steps.map((s) => (
                  <tr data-step={s.key}>
                    <th scope="row">{t(lang, `donation.sim.step.${s.key}`)}</th>
                    <td class="amount">{s.unit === 'yen' ? <Yen amount={s.amount} /> : pct(s.rate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="small muted">{t(lang, 'donation.sim.assumptions')}</p>
          <p>
            <a class="btn" href="/challenges">
              {t(lang, 'donation.sim.donate')}
            </a>
          </p>
        </section>
      ) : null}
    </Layout>
  );
}

