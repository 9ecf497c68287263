/**
 * `npm run bench`: throughput ratios measured in one run on one DynamoDB Local, so the machine's speed
 * cancels out. Each pair runs the same number of operations at the same concurrency.
 *  - ledger postings/s vs raw TransactWriteItems/s of the same shape (what the ledger's safety costs)
 *  - API donations/s (create + pay through the signed webhook) vs raw TransactWriteItems/s
 *  - home page req/s vs a bare Hono handler (what SSR + data reads cost)
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoLocal } from '../../infra/local/dynamodb.js';
import { createLocalPlatform } from '../../infra/local/platform.js';
import { seed } from '../../infra/local/seed.js';
import { accounts } from '../../functions/domain/ledger/accounts.js';
import { transfer } from '../../functions/domain/ledger/entry.js';
import { postEntry } from '../../functions/store/ledger.js';
import { benchDonations } from './donations.js';

const N = Number(process.env.BENCH_N ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function measure(label: string, n: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) await op(next++);
    }),
  );
  const perSec = n / ((performance.now() - started) / 1000);
  console.log(`${label.padEnd(44)} ${perSec.toFixed(1).padStart(9)} /s  (n=${n}, concurrency=${CONCURRENCY})`);
  return perSec;
}

async function main() {
  const dynamo = await startDynamoLocal();
  try {
    const platform = await createLocalPlatform({ endpoint: dynamo.endpoint, table: `bench-${randomUUID()}`, baseUrl: 'http://localhost:3000' });
    const { db, app } = platform;
    await seed(db);
    // Warm DynamoDB Local's JIT so whichever pair runs first is not penalised.
    await Promise.all(Array.from({ length: 200 }, (_, i) => postEntry(db, transfer({ id: `warm:${i}`, date: '2026-12-31', memo: 'warm-up', channel: 'individual', town: '074071' }, accounts.clearing('074071'), accounts.challengeAvailable('bandai-aizu-heritage'), 1000))));

    const raw = await measure('raw TransactWriteItems (5 items)', N, (i) =>
      db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: db.table, Item: { PK: `RAW#${i}`, SK: 'E', v: i }, ConditionExpression: 'attribute_not_exists(PK)' } },
            { Put: { TableName: db.table, Item: { PK: `RAWP#${i % 8}`, SK: `P#${i}#a`, v: i } } },
            { Put: { TableName: db.table, Item: { PK: `RAWQ#${i % 8}`, SK: `P#${i}#b`, v: i } } },
            { Update: { TableName: db.table, Key: { PK: `RAWP#${i % 8}`, SK: 'BAL' }, UpdateExpression: 'ADD #b :d', ExpressionAttributeNames: { '#b': 'balance' }, ExpressionAttributeValues: { ':d': 1000 } } },
            { Update: { TableName: db.table, Key: { PK: `RAWQ#${i % 8}`, SK: 'BAL' }, UpdateExpression: 'ADD #b :d', ExpressionAttributeNames: { '#b': 'balance' }, ExpressionAttributeValues: { ':d': 1000 } } },
          ],
        }),
      ),
    );

    const ledger = await measure('ledger postEntry (donation-shaped)', N, (i) =>
      postEntry(db, transfer({ id: `bench:${i}`, date: '2026-12-31', memo: 'bench', channel: 'individual', town: '113611' }, accounts.clearing('113611'), accounts.challengeAvailable('yokoze-forest-school'), 3000)),
    );

    const donations = await benchDonations(app, N, measure);

    const bare = new Hono().get('/', (c) => c.html('<!doctype html><title>bare</title><p>hello</p>'));
    const pageN = Math.max(50, Math.floor(N / 2));
    const bareRate = await measure('bare Hono handler GET /', pageN * 4, () => Promise.resolve(bare.request('/')).then((r) => r.text()));
    const page = await measure('home page GET / (SSR + DynamoDB reads)', pageN, () => Promise.resolve(app.request('/')).then((r) => r.text()));

    console.log('');
    console.log(`ledger postings / raw TransactWriteItems   = ${(ledger / raw).toFixed(3)}`);
    if (donations) console.log(`API donations / raw TransactWriteItems     = ${(donations / raw).toFixed(3)}`);
    console.log(`home page / bare Hono handler              = ${(page / bareRate).toFixed(4)}`);
  } finally {
    await dynamo.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
