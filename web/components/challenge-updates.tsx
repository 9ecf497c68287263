/**
 * A challenge's progress updates, newest first. For the public challenge page and the operator's update
 * page; each gives its own list as UpdateView.
 */
import { type Lang, t } from '../../functions/i18n/index.js';
import { JstDate } from './date.js';
import { WorkspaceStyles } from './workspace.js';

export interface UpdateView {
  id: string;
  title: string;
  text: string;
  date: string;
}

export function ChallengeUpdates(props: { lang: Lang; updates: UpdateView[]; headingLevel?: 2 | 3 }) {
  const { lang, updates } = props;
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section id="updates" aria-labelledby="updates-heading" class="challenge-updates">
      <WorkspaceStyles />
      <H id="updates-heading">{t(lang, 'cocreation.updates.title')}</H>
      {updates.length === 0 ? (
        <p class="muted">{t(lang, 'cocreation.updates.none')}</p>
      ) : (
        <ol class="updates">
          {updates.map((u) => (
            <li data-update={u.id}>
              <p class="small muted">
                <JstDate lang={lang} date={u.date} />
              </p>
              <h3>{u.title}</h3>
              <p class="prose">{u.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
