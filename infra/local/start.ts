/**
 * `npm start`: DynamoDB Local (data in .data/, kept across restarts; `--reset` or RESET=1 starts empty),
 * the table and demo data, and the app on http://localhost:3000. Ctrl-C stops everything it started.
 * With DYNAMODB_ENDPOINT set, that DynamoDB is used and nothing is spawned; DATA_DIR moves .data/.
 * DynamoDB Local runs supervised (supervisor.ts: restarted when it dies, an earlier run's orphan killed);
 * the link and webhook secrets are this data directory's own (secrets.ts); the checkout emulator
 * redelivers failed webhooks (redelivery.ts; REDELIVERY_DELAYS_MS="1000,2000,…" changes the schedule).
 */
import { rmSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { javaMissingMessage, type LocalDynamo } from './dynamodb.js';
import { killOrphans, superviseDynamoLocal } from './supervisor.js';
import { localSecrets } from './secrets.js';
import { DEFAULT_REDELIVERY_DELAYS_MS } from './redelivery.js';
import { createLocalPlatform } from './platform.js';
import { seed } from './seed.js';
import { seedDemoActivity } from './demo-activity.js';
import { startStreamPoller } from './stream-poller.js';
import { devMailbox } from '../../functions/services/jobs/mailer.js';
import { runScheduled } from '../../functions/services/jobs/schedule.js';
import { DEFAULT_TABLE_NAME } from '../../functions/store/table.js';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../..');
const dataDir = resolve(process.env.DATA_DIR ?? resolve(root, '.data'));
const reset = process.argv.includes('--reset') || process.env.RESET === '1';
const port = Number(process.env.PORT ?? 3000);
const table = process.env.TABLE_NAME ?? DEFAULT_TABLE_NAME;

async function main() {
  let dynamo: LocalDynamo | undefined;
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    const missing = javaMissingMessage();
    if (missing) {
      console.error(missing);
      process.exit(1);
    }
    // An earlier run's java (its node process was killed) must be gone before we touch its files.
    await killOrphans(resolve(dataDir, 'dynamodb'), resolve(dataDir, 'dynamodb.pid'));
    if (reset) rmSync(resolve(dataDir, 'dynamodb'), { recursive: true, force: true });
    mkdirSync(resolve(dataDir, 'dynamodb'), { recursive: true });
    dynamo = await superviseDynamoLocal({
      dataDir: resolve(dataDir, 'dynamodb'),
      pidFile: resolve(dataDir, 'dynamodb.pid'),
      port: Number(process.env.DYNAMODB_PORT ?? 0) || undefined,
    });
    endpoint = dynamo.endpoint;
  }
  const baseUrl = process.env.APP_BASE_URL ?? `http://localhost:${port}`;
  const secrets = localSecrets(dataDir);
  const delaysMs = process.env.REDELIVERY_DELAYS_MS ? process.env.REDELIVERY_DELAYS_MS.split(',').map(Number) : DEFAULT_REDELIVERY_DELAYS_MS;
  const { app, db, redelivery } = await createLocalPlatform({ endpoint, table, baseUrl, keyFile: resolve(dataDir, 'dev-signing-key.json'), ...secrets, redelivery: { delaysMs } });
  const seeded = await seed(db);
  if (seeded === 'seeded' && process.env.DEMO_ACTIVITY !== '0') await seedDemoActivity(app);
  console.log(`seed: ${seeded}`);
  // The same consumers and scheduled tasks that run in Lambda, on local timers.
  const poller = await startStreamPoller(endpoint, { db, mailer: devMailbox });
  const scheduleEveryMs = Number(process.env.SCHEDULE_INTERVAL_MS ?? 60_000);
  const runSchedule = () => runScheduled(db).catch((e) => console.error('schedule:', e));
  void runSchedule();
  const scheduleTimer = setInterval(runSchedule, scheduleEveryMs);

  const server = serve({ fetch: app.fetch, port }, () => {
    console.log(`共創ファンド Kyoso Fund: ${baseUrl}  (API ${baseUrl}/api, OpenAPI ${baseUrl}/api/openapi.json, sign-in ${baseUrl}/dev/sign-in)`);
    console.log(`DynamoDB Local: ${endpoint}${dynamo ? ` (data in ${resolve(dataDir, 'dynamodb')})` : ''}`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    server.close();
    poller.stop();
    clearInterval(scheduleTimer);
    redelivery?.stop();
    await dynamo?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
