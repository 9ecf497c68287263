import { type Lang, t } from '../../functions/i18n/index.js';
import { DONATION_CSS_HREF } from './donation-styles.js';

export interface DonationFormTarget {
  kind: 'challenge' | 'fund';
  id: string;
  title: string;
  towns: { code: string; name: string; lead?: boolean }[];
  /** Whether the target takes donations now (decided by the route, shown here). */
  open: boolean;
}

/** What the donor typed, echoed back after a refusal (never re-derived here). */
export interface DonationFormValues {
  amount?: string;
  receivingTown?: string;
  name?: string;
  nameKana?: string;
  email?: string;
  postalCode?: string;
  address?: string;
  message?: string;
  anonymous?: boolean;
  oneStop?: boolean;
  updates?: boolean;
}

/** Field name → message already in the page's language. */
export type FieldErrors = Partial<Record<keyof DonationFormValues | 'form', string>>;

function Field(props: { id: string; name: keyof DonationFormValues; label: string; hint?: string; value?: string; error?: string; type?: string; inputmode?: 'numeric' | 'text' | 'email'; autocomplete?: string; required?: boolean; lang?: string }) {
  const errId = `${props.id}-error`;
  const hintId = `${props.id}-hint`;
  const describedBy = [props.hint ? hintId : '', props.error ? errId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field invalid' : 'field'} data-field={props.name}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        inputmode={props.inputmode}
        autocomplete={props.autocomplete}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
        lang={props.lang}
      />
      {props.hint ? (
        <span class="hint" id={hintId}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <p class="field-error" id={errId} role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The donation form: plain HTML that posts to the confirm step, so it works without JavaScript; errors
 * are shown next to their field, in the page's language.
 */
export function DonationForm(props: { lang: Lang; target: DonationFormTarget; values?: DonationFormValues; errors?: FieldErrors; idPrefix?: string }) {
  const { lang, target } = props;
  const v = props.values ?? {};
  const e = props.errors ?? {};
  const p = props.idPrefix ?? 'donate';
  const defaultTown = v.receivingTown ?? target.towns.find((t) => t.lead)?.code ?? (target.towns.length === 1 ? target.towns[0]!.code : '');
  const errorCount = Object.keys(e).length;
  return (
    <form class="donate-form" method="post" action="/donate/confirm" novalidate>
      <link rel="stylesheet" href={DONATION_CSS_HREF} />
      {errorCount ? (
        <div class="form-errors" role="alert" aria-labelledby={`${p}-errors-heading`}>
          <h2 id={`${p}-errors-heading`}>{t(lang, 'donation.form.errors')}</h2>
          {e.form ? <p class="field-error">{e.form}</p> : null}
        </div>
      ) : null}
      <input type="hidden" name={target.kind === 'challenge' ? 'challengeId' : 'fundId'} value={target.id} />
      <input type="hidden" name="lang" value={lang} />
      <Field id={`${p}-amount`} name="amount" label={t(lang, 'donation.form.amount')} hint={t(lang, 'donation.form.amountHint')} value={v.amount ?? '10000'} error={e.amount} inputmode="numeric" required />
      <div class={e.receivingTown ? 'field invalid' : 'field'} data-field="receivingTown">
        <label for={`${p}-town`}>{t(lang, 'donation.form.town')}</label>
        <select id={`${p}-town`} name="receivingTown" aria-describedby={`${p}-town-hint`} aria-invalid={e.receivingTown ? 'true' : undefined}>
          {defaultTown ? null : <option value="">{t(lang, 'donation.form.chooseTown')}</option>}
          {target.towns.map((town) => (
            <option value={town.code} selected={town.code === defaultTown}>
              {town.name}
              {town.lead && target.towns.length > 1 ? ` ${t(lang, 'donation.form.lead')}` : ''}
            </option>
          ))}
        </select>
        <span class="hint" id={`${p}-town-hint`}>
          {t(lang, 'donation.form.townHint')}
        </span>
        {e.receivingTown ? (
          <p class="field-error" role="alert">
            {e.receivingTown}
          </p>
        ) : null}
      </div>
      <fieldset>
        <legend>{t(lang, 'donation.form.donor')}</legend>
        <p class="hint small">{t(lang, 'donation.form.donorHint')}</p>
        <Field id={`${p}-name`} name="name" label={t(lang, 'donation.form.name')} value={v.name} error={e.name} autocomplete="name" required />
        <Field id={`${p}-kana`} name="nameKana" label={t(lang, 'donation.form.nameKana')} value={v.nameKana} error={e.nameKana} required lang="ja" />
        <Field id={`${p}-email`} name="email" type="email" label={t(lang, 'donation.form.email')} hint={t(lang, 'donation.form.emailHint')} value={v.email} error={e.email} autocomplete="email" required />
        <Field id={`${p}-postal`} name="postalCode" label={t(lang, 'donation.form.postalCode')} hint={t(lang, 'donation.form.postalHint')} value={v.postalCode} error={e.postalCode} inputmode="numeric" autocomplete="postal-code" required />
        <Field id={`${p}-address`} name="address" label={t(lang, 'donation.form.address')} value={v.address} error={e.address} autocomplete="street-address" required />
      </fieldset>
      <div class={e.message ? 'field invalid' : 'field'} data-field="message">
        <label for={`${p}-message`}>{t(lang, 'donation.form.message')}</label>
        <textarea id={`${p}-message`} name="message" maxlength={500} aria-invalid={e.message ? 'true' : undefined}>
          {v.message ?? ''}
        </textarea>
        {e.message ? (
          <p class="field-error" role="alert">
            {e.message}
          </p>
        ) : null}
      </div>
      <fieldset>
        <legend>{t(lang, 'donation.form.options')}</legend>
        <label class="check">
          <input type="checkbox" name="anonymous" value="1" checked={Boolean(v.anonymous)} /> <span>{t(lang, 'donation.form.anonymous')}</span>
        </label>
        <label class="check">
          <input type="checkbox" name="oneStop" value="1" checked={Boolean(v.oneStop)} /> <span>{t(lang, 'donation.form.oneStop')}</span>
        </label>
        {target.kind === 'challenge' ? (
          <label class="check">
            <input type="checkbox" name="updates" value="1" checked={Boolean(v.updates)} /> <span>{t(lang, 'donation.form.updates')}</span>
          </label>
        ) : null}
      </fieldset>
      <p class="hint small">{t(lang, 'donation.form.myNumberNote')}</p>
      <button class="btn btn-block" type="submit">
        {t(lang, 'donation.form.submit')}
      </button>
    </form>
  );
}
