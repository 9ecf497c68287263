import type { Db } from '../store/db.js';
import type { Verifier, Principal } from './auth.js';
import type { Lang } from '../../web/i18n.js';

/** Everything the app needs from outside; Lambda and the local runtime each build one. */
export interface AppDeps {
  db: Db;
  verifier: Verifier;
  /** Where the app is served from, for links in emails and checkout return URLs. */
  baseUrl: string;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    requestId: string;
    principal?: Principal;
    lang: Lang;
  };
}
