/** The app as it runs locally: the shared app plus the local-only routes, on a given DynamoDB. */
import { createApp } from '../../functions/api/app.js';
import { createDocumentClient } from '../../functions/store/client.js';
import type { Db } from '../../functions/store/db.js';
import { createDevIdentity } from './dev-identity.js';
import { mountDevIdentity } from './dev-routes.js';
import { mountDevMailbox } from './dev-mailbox.js';
import { ensureTable } from './tables.js';

export interface LocalPlatformOptions {
  endpoint: string;
  table: string;
  baseUrl: string;
  keyFile?: string;
}

export async function createLocalPlatform(opts: LocalPlatformOptions) {
  await ensureTable(opts.endpoint, opts.table);
  const db: Db = { doc: createDocumentClient(opts.endpoint), table: opts.table };
  const idp = await createDevIdentity(opts.keyFile);
  const app = createApp({ db, verifier: idp.verifier, baseUrl: opts.baseUrl }, (a) => {
    mountDevIdentity(a, idp);
    mountDevMailbox(a);
  });
  return { app, db, idp };
}
