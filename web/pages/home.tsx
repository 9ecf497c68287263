import type { Lang } from '../i18n.js';
import type { ChallengeView } from '../../functions/api/catalog-views.js';

export function HomePage(props: { lang: Lang; challenges: ChallengeView[] }) {
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <title>共創ファンド</title>
      </head>
      <body>
        <h1>共創ファンド</h1>
        <ul>
          {props.challenges.map((c) => (
            <li>
              <a href={`/challenges/${c.id}`}>{c.title}</a> <progress max={c.target} value={c.raised} />
            </li>
          ))}
        </ul>
      </body>
    </html>
  );
}
