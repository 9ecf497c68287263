import { t, type Lang } from '../../functions/i18n/index.js';
import { Layout } from '../layout.js';

/** Local-only page (infra/local/dev-routes.tsx); the signature is what that module calls. */
export function DevSignInPage(props: { lang: Lang; users: { id: string; name: string; roles: string[] }[]; current?: string; next: string }) {
  const { lang } = props;
  // No user in the header here: the page body says who is signed in and has the one sign-out button.
  const ctx = { lang: props.lang, path: `/dev/sign-in?next=${encodeURIComponent(props.next)}` };
  return (
    <Layout ctx={ctx} title={t(lang, 'devSignIn.title')}>
      <header class="page-head">
        <h1>{t(lang, 'devSignIn.heading')}</h1>
        {props.current && <p>{t(lang, 'devSignIn.current', { name: props.current })}</p>}
      </header>
      <div class="table-scroll">
        <table>
          <tbody>
            {props.users.map((u) => (
              <tr>
                <td>
                  <form method="post" action="/dev/sign-in">
                    <input type="hidden" name="user" value={u.id} />
                    <input type="hidden" name="next" value={props.next} />
                    <button class="linklike" type="submit" data-user={u.id}>
                      {u.id}
                    </button>
                  </form>
                </td>
                <td>{u.name}</td>
                <td class="small muted">{u.roles.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action="/dev/sign-out">
        <p>
          <button class="btn btn-secondary" type="submit">
            {t(lang, 'devSignIn.signOut')}
          </button>
        </p>
      </form>
    </Layout>
  );
}
