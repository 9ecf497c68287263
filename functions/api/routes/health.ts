import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../router.js';
import { servicesOf } from '../services.js';
import { checkHealth } from '../../services/health.js';

export const healthRoutes = createRouter();

const Ok = z.object({ status: z.literal('ok'), time: z.string(), database: z.literal('ok') });
const Unavailable = z.object({ status: z.literal('unavailable'), time: z.string(), database: z.literal('unreachable') });

healthRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/health',
    tags: ['meta'],
    responses: {
      200: { description: 'the app is up and the database answers', content: { 'application/json': { schema: Ok } } },
      503: { description: 'the database does not answer', content: { 'application/json': { schema: Unavailable } } },
    },
  }),
  async (c) => {
    c.header('Cache-Control', 'no-store');
    const h = await checkHealth(servicesOf(c));
    return h.status === 'ok' ? c.json(h, 200) : c.json(h, 503);
  },
);
