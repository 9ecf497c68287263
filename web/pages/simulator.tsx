import type { DeductionResult } from '../../functions/domain/deduction.js';
import { DONATION_CSS_HREF } from '../components/donation-styles.js';
import { dt } from '../components/donation-text.js';
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
    <Layout ctx={ctx} title={dt(lang, 'sim.title')} active="simulator">
      <link rel="stylesheet" href={DONATION_CSS_HREF} />
      <header class="page-head">
        <h1>{dt(lang, 'sim.title')}</h1>
        <p class="lead">{dt(lang, 'sim.lead')}</p>
      </header>
      <form class="donate-form panel" method="get" action="/simulator">
        {num('salary', dt(lang, 'sim.salary'), v.salary ?? '5000000')}
        <fieldset>
          <legend>{dt(lang, 'sim.family')}</legend>
          <label class="check">
            <input type="checkbox" name="spouseDeduction" value="1" checked={Boolean(v.spouseDeduction)} /> <span>{dt(lang, 'sim.spouse')}</span>
          </label>
          {num('children16to18', dt(lang, 'sim.children16to18'), v.children16to18 ?? '0')}
          {num('children19to22', dt(lang, 'sim.children19to22'), v.children19to22 ?? '0')}
        </fieldset>
        {num('socialInsurance', dt(lang, 'sim.socialInsurance'), v.socialInsurance, dt(lang, 'sim.socialInsuranceHint'))}
        {props.error ? (
          <p class="field-error" role="alert">
            {props.error}
          </p>
        ) : null}
        <button class="btn" type="submit">
          {dt(lang, 'sim.submit')}
        </button>
      </form>
      {result ? (
        <section aria-labelledby="sim-result" class="simulator-result">
          <h2 id="sim-result">{dt(lang, 'sim.result')}</h2>
          <p class="big-figure" data-ceiling={result.ceiling}>
            <Yen amount={result.ceiling} />
          </p>
          <p>{dt(lang, 'sim.resultNote')}</p>
          <h3>{dt(lang, 'sim.steps')}</h3>
          <div class="table-scroll">
            <table class="steps">
              <thead>
                <tr>
                  <th scope="col">{dt(lang, 'sim.step')}</th>
                  <th scope="col" class="amount">
                    {dt(lang, 'sim.value')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.steps.map((s) => (
                  <tr data-step={s.key}>
                    <th scope="row">{lang === 'en' ? s.labelEn : s.labelJa}</th>
                    <td class="amount">{s.unit === 'yen' ? <Yen amount={s.amount} /> : pct(s.rate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="small muted">{dt(lang, 'sim.assumptions')}</p>
          <p>
            <a class="btn" href="/challenges">
              {dt(lang, 'sim.donate')}
            </a>
          </p>
        </section>
      ) : null}
    </Layout>
  );
}

