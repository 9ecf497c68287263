/**
 * Serves an app (usually testPlatform().app) through the real node adapter on a free port, so e2e tests
 * exercise the same HTTP stack as `npm start`: cookies, redirects and headers as a browser sees them.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

export interface RunningServer {
  /** e.g. http://127.0.0.1:43123 (no trailing slash) */
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startServer(app: { fetch: (request: Request, ...rest: any[]) => Response | Promise<Response> }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    // Port 0: the OS picks a free port, so parallel runs never collide.
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      const url = `http://127.0.0.1:${info.port}`;
      resolve({
        url,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            // Browsers keep connections alive; drop them so close() returns promptly.
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
    server.once('error', reject);
  });
}
