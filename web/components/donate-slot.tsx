import type { ChallengeView } from '../../functions/api/catalog-views.js';
import { t, type Lang } from '../i18n.js';

/**
 * The slot the donation form will fill. The challenge page links to #donate from its progress panel,
 * so whatever renders here must keep id="donate" on its section.
 */
export function DonateSlot(props: { lang: Lang; challenge: ChallengeView }) {
  const { lang } = props;
  return (
    <section id="donate" class="donate" aria-labelledby="donate-heading">
      <h2 id="donate-heading">{t(lang, 'donate.heading')}</h2>
      <p>
        <strong>{t(lang, 'donate.soon')}</strong>
      </p>
      <p class="muted small">{t(lang, 'donate.soonDetail')}</p>
    </section>
  );
}
