/**
 * The public site, mounted at /: the stylesheets, the catalog (/, /challenges, /funds, /towns), the
 * language toggle (/lang), donating (/donate, /donations/:id/thanks) and the simulator.
 */
import { createRouter } from '../router.js';
import { assetPages } from './site/assets.js';
import { catalogPages } from './site/catalog.js';
import { donatePages } from './site/donate.js';

export const sitePages = createRouter().route('/', assetPages).route('/', donatePages).route('/', catalogPages);
