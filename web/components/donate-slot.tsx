import type { ChallengeView } from '../views/catalog.js';
import { pick, t, type Lang } from '../../functions/i18n/index.js';
import { DonationForm, type DonationFormValues, type FieldErrors } from './donation-form.js';
import { townName, type TownIndex } from './town-badge.js';

/**
 * The donation form on the challenge page. The page links to #donate from its progress panel, so this
 * keeps id="donate" on its section. `towns` gives the receiving-town choices their names (codes otherwise).
 */
export function DonateSlot(props: { lang: Lang; challenge: ChallengeView; towns?: TownIndex; values?: DonationFormValues; errors?: FieldErrors }) {
  const { lang, challenge: c } = props;
  const open = c.status === 'open' && c.daysLeft >= 0;
  const towns = [...c.towns]
    .sort((a, b) => Number(b === c.leadTown) - Number(a === c.leadTown))
    .map((code) => ({ code, name: props.towns ? townName(lang, props.towns, code) : code, lead: code === c.leadTown }));
  return (
    <section id="donate" class="donate" aria-labelledby="donate-heading">
      <h2 id="donate-heading">{t(lang, 'donate.heading')}</h2>
      {open ? (
        <>
          <p class="small">{t(lang, 'donation.form.intro')}</p>
          <DonationForm lang={lang} target={{ kind: 'challenge', id: c.id, title: pick(lang, c.title, c.titleEn), towns, open }} values={props.values} errors={props.errors} />
        </>
      ) : (
        <p>
          <strong>{t(lang, 'donation.form.closed')}</strong>
        </p>
      )}
    </section>
  );
}

/** The same form on a pooled fund's page: the donor picks which member town receives it. */
export function FundDonateSlot(props: { lang: Lang; fund: { id: string; name: string; nameEn: string; members: string[] }; towns?: TownIndex }) {
  const { lang, fund } = props;
  const towns = fund.members.map((code) => ({ code, name: props.towns ? townName(lang, props.towns, code) : code }));
  return (
    <section id="donate" class="donate" aria-labelledby="donate-heading">
      <h2 id="donate-heading">{t(lang, 'donate.heading')}</h2>
      <p class="small">{t(lang, 'donation.form.intro')}</p>
      <DonationForm lang={lang} target={{ kind: 'fund', id: fund.id, title: pick(lang, fund.name, fund.nameEn), towns, open: true }} idPrefix="donate-fund" />
    </section>
  );
}
