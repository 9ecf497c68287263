import { createRouter } from '../router.js';
import { challengeViews } from '../catalog-views.js';
import { HomePage } from '../../../web/pages/home.js';

export const pageRoutes = createRouter();

pageRoutes.get('/', async (c) => c.html(<HomePage lang={c.var.lang} challenges={await challengeViews(c.var.deps.db, { status: 'open' })} />));
