/**
 * `npm start`: DynamoDB Local (data in .data/, kept across restarts; `--reset` or RESET=1 starts empty),
 * the table and demo data, and the app on http://localhost:3000. Ctrl-C stops everything it started.
 * With DYNAMODB_ENDPOINT set, that DynamoDB is used and nothing is spawned; DATA_DIR moves .data/.
 */
import { rmSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { javaMissingMessage, startDynamoLocal, type LocalDynamo } from './dynamodb.js';
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
    if (reset) rmSync(resolve(dataDir, 'dynamodb'), { recursive: true, force: true });
    mkdirSync(resolve(dataDir, 'dynamodb'), { recursive: true });
    dynamo = await startDynamoLocal({ dataDir: resolve(dataDir, 'dynamodb'), port: Number(process.env.DYNAMODB_PORT ?? 0) || undefined });
    endpoint = dynamo.endpoint;
  }
  const baseUrl = process.env.APP_BASE_URL ?? `http://localhost:${port}`;
  const { app, db } = await createLocalPlatform({ endpoint, table, baseUrl, keyFile: resolve(dataDir, 'dev-signing-key.json') });
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
