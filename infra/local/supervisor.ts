/**
 * `npm start`'s DynamoDB Local under supervision: one java process per data directory. On start it kills
 * an orphan left by an earlier run that did not stop cleanly (its pid in `<dataDir>/dynamodb.pid`, checked
 * against /proc/<pid>/cmdline, plus any DynamoDB Local whose -dbPath is this directory), so two never run on
 * the same files; while we run, a java process that dies is restarted on the same port and data directory
 * with backoff (0.5 s, 1 s, 2 s … capped at 10 s), and each step is logged.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freePort, startDynamoLocal, type LocalDynamo } from './dynamodb.js';

export interface SupervisorOptions {
  /** Where DynamoDB Local keeps its files (`-dbPath`). */
  dataDir: string;
  /** The pid file; kept while java runs, removed on stop. */
  pidFile: string;
  port?: number;
  log?: (line: string) => void;
  /** Backoff before restart attempt n (0-based). */
  backoffMs?: (attempt: number) => number;
}

const defaultBackoff = (attempt: number) => Math.min(10_000, 500 * 2 ** attempt);

/** The command line of a live process, its arguments split; undefined when there is no such process. */
function cmdline(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** DynamoDB Local (the jar) running with `-dbPath dataDir`. */
export function isDynamoLocalOn(args: string[] | undefined, dataDir: string): boolean {
  if (!args || !args.some((a) => a.includes('DynamoDBLocal'))) return false;
  const i = args.indexOf('-dbPath');
  return i >= 0 && args[i + 1] === dataDir;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function kill(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 5000;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    while (alive(pid)) await new Promise((r) => setTimeout(r, 50));
  }
}

/** The orphans on `dataDir`: the pid file's process if it is DynamoDB Local on that directory, and any other. */
export function orphansOn(dataDir: string, pidFile: string): number[] {
  const found = new Set<number>();
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && isDynamoLocalOn(cmdline(pid), dataDir)) found.add(pid);
  }
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    /* not Linux: the pid file is all we have */
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    if (pid !== process.pid && isDynamoLocalOn(cmdline(pid), dataDir)) found.add(pid);
  }
  return [...found];
}

/** Kills (TERM, then KILL after 5 s) every orphan on `dataDir`; call it before touching the files. */
export async function killOrphans(dataDir: string, pidFile: string, log: (line: string) => void = (l) => console.log(l)): Promise<void> {
  for (const pid of orphansOn(dataDir, pidFile)) {
    log(`DynamoDB Local: killing orphan pid ${pid} from an earlier run on ${dataDir}`);
    await kill(pid);
  }
  rmSync(pidFile, { force: true });
}

export async function superviseDynamoLocal(opts: SupervisorOptions): Promise<LocalDynamo> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const backoff = opts.backoffMs ?? defaultBackoff;
  await killOrphans(opts.dataDir, opts.pidFile, log);
  const port = opts.port ?? (await freePort());
  let stopping = false;
  let current: LocalDynamo | undefined;
  let restarting: Promise<void> | undefined;

  const launch = async () => {
    const d = await startDynamoLocal({ port, dataDir: opts.dataDir, onExit: (code, signal) => onDied(d0(), code, signal) });
    writeFileSync(opts.pidFile, String(d.pid ?? ''));
    current = d;
    return d;
  };
  // The instance an exit belongs to is whichever was current when it died.
  const d0 = () => current;

  function onDied(d: LocalDynamo | undefined, code: number | null, signal: string | null) {
    if (stopping || restarting || !d || d !== current) return;
    log(`DynamoDB Local: exited unexpectedly (${signal ?? `code ${code}`}); restarting on port ${port}`);
    current = undefined;
    restarting = (async () => {
      for (let attempt = 0; !stopping; attempt++) {
        await new Promise((r) => setTimeout(r, backoff(attempt)));
        if (stopping) return;
        try {
          const d2 = await launch();
          if (stopping) {
            await d2.stop();
            return;
          }
          log(`DynamoDB Local: restarted (pid ${d2.pid}, attempt ${attempt + 1})`);
          return;
        } catch (e) {
          log(`DynamoDB Local: restart attempt ${attempt + 1} failed: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
        }
      }
    })().finally(() => {
      restarting = undefined;
    });
  }

  await launch();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    get pid() {
      return current?.pid;
    },
    async stop() {
      stopping = true;
      await restarting;
      await current?.stop();
      rmSync(opts.pidFile, { force: true });
    },
  };
}
