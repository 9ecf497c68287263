import type { Lang } from '../i18n.js';

export function DevSignInPage(props: { lang: Lang; users: { id: string; name: string; roles: string[] }[]; current?: string; next: string }) {
  const ja = props.lang === 'ja';
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{ja ? '開発用サインイン' : 'Dev sign-in'} | 共創ファンド</title>
      </head>
      <body>
        <main>
          <h1>{ja ? '開発用サインイン(ローカル専用)' : 'Development sign-in (local only)'}</h1>
          {props.current && <p>{ja ? `現在 ${props.current} としてサインイン中` : `Signed in as ${props.current}`}</p>}
          <ul>
            {props.users.map((u) => (
              <li>
                <form method="post" action="/dev/sign-in">
                  <input type="hidden" name="user" value={u.id} />
                  <input type="hidden" name="next" value={props.next} />
                  <button type="submit" data-user={u.id}>
                    {u.id}
                  </button>{' '}
                  {u.name} <small>({u.roles.join(', ')})</small>
                </form>
              </li>
            ))}
          </ul>
          <form method="post" action="/dev/sign-out">
            <button type="submit">{ja ? 'サインアウト' : 'Sign out'}</button>
          </form>
        </main>
      </body>
    </html>
  );
}
