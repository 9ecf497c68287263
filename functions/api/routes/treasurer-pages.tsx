import { createRouter } from '../router.js';

export const treasurerPages = createRouter();
