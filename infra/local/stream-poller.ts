/**
 * Feeds DynamoDB Local's stream to the same consumers the stream Lambda runs, the way Lambda's event
 * source mapping would: shard by shard, in order, from where it left off.
 */
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { processStreamRecord, type StreamDeps } from '../../functions/services/jobs/stream.js';

export interface StreamPoller {
  /** Processes everything written so far; resolves when the stream is caught up. */
  drain(): Promise<number>;
  stop(): void;
}

export async function startStreamPoller(endpoint: string, deps: StreamDeps, opts: { intervalMs?: number; autoStart?: boolean } = {}): Promise<StreamPoller> {
  const client = new DynamoDBStreamsClient({ endpoint, region: 'ap-northeast-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const streams = await client.send(new ListStreamsCommand({ TableName: deps.db.table }));
  const streamArn = streams.Streams?.[0]?.StreamArn;
  if (!streamArn) throw new Error(`table ${deps.db.table} has no stream`);
  const iterators = new Map<string, string | undefined>();
  let running: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function pollOnce(): Promise<number> {
    const desc = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    let processed = 0;
    for (const shard of desc.StreamDescription?.Shards ?? []) {
      const id = shard.ShardId!;
      if (!iterators.has(id)) {
        const it = await client.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: id, ShardIteratorType: 'TRIM_HORIZON' }));
        iterators.set(id, it.ShardIterator);
      }
      let iterator = iterators.get(id);
      while (iterator) {
        const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        for (const r of page.Records ?? []) {
          const img = (x: unknown) => (x ? unmarshall(repairEmptyMaps(x as Record<string, AttributeValue>)) : undefined);
          await processStreamRecord(deps, { eventName: r.eventName, newImage: img(r.dynamodb?.NewImage), oldImage: img(r.dynamodb?.OldImage) });
          processed++;
        }
        iterator = page.NextShardIterator;
        iterators.set(id, iterator);
        if (!page.Records?.length) break;
      }
    }
    return processed;
  }

  const drain = () => (running ??= pollOnce().finally(() => (running = undefined)));
  if (opts.autoStart !== false) {
    const tick = () => {
      drain()
        .catch((e) => console.error('stream poller:', e))
        .finally(() => (timer = setTimeout(tick, opts.intervalMs ?? 500)));
    };
    tick();
  }
  return {
    drain,
    stop() {
      if (timer) clearTimeout(timer);
      client.destroy();
    },
  };
}

/**
 * Through the SDK's streams client, DynamoDB Local hands back an empty map attribute as `{}` (no type
 * key), which unmarshall refuses; Lambda's event carries `{"M": {}}`. Put the type back.
 */
function repairEmptyMaps(image: Record<string, AttributeValue>): Record<string, AttributeValue> {
  const fix = (v: AttributeValue): AttributeValue => {
    if (v && typeof v === 'object' && Object.keys(v).length === 0) return { M: {} };
    if (v.M) return { M: Object.fromEntries(Object.entries(v.M).map(([k, x]) => [k, fix(x)])) };
    if (v.L) return { L: v.L.map(fix) };
    return v;
  };
  return Object.fromEntries(Object.entries(image).map(([k, v]) => [k, fix(v)]));
}
