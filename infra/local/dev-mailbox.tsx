/** The dev mailbox: every email the platform would send through SES, newest first (local only). */
import type { Hono } from 'hono';
import type { AppEnv } from '../../functions/api/context.js';
import { listMail } from '../../functions/store/outbox.js';

export function mountDevMailbox(app: Hono<AppEnv>) {
  app.get('/dev/mailbox', async (c) => {
    const to = c.req.query('to') || undefined;
    const mails = await listMail(c.var.deps.db, { to });
    if (c.req.header('accept')?.includes('application/json')) return c.json({ mails });
    return c.html(
      <html lang="ja">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>開発用メールボックス | Dev mailbox</title>
          <link rel="stylesheet" href="/assets/app.css" />
        </head>
        <body>
          <main class="container">
            <h1>開発用メールボックス / Dev mailbox</h1>
            <form method="get">
              <label>
                宛先 / To <input name="to" value={to ?? ''} />
              </label>{' '}
              <button type="submit">絞り込み / Filter</button>
            </form>
            {mails.length === 0 && <p>メールはまだありません / No mail yet.</p>}
            {mails.map((m) => (
              <article class="card mail" data-kind={m.kind}>
                <p>
                  <small>
                    {m.createdAt} · {m.kind} · {m.status}
                  </small>
                </p>
                <p>
                  <strong>To:</strong> {m.to}
                </p>
                <h2>{m.subject}</h2>
                <pre>{m.text}</pre>
              </article>
            ))}
          </main>
        </body>
      </html>,
    );
  });
}
