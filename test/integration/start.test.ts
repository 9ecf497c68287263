/**
 * `npm start` as a person runs it: DynamoDB Local with data on disk, the seed once, the server; a
 * restart keeps the data, --reset starts empty, and stopping leaves no java process behind.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/dynamodb.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kyoso-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(port: number, args: string[] = []): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts', ...args], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DYNAMODB_ENDPOINT: '', SCHEDULE_INTERVAL_MS: '3600000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 60_000;
  while (!out.includes('Kyoso Fund: http://')) {
    if (child.exitCode !== null) throw new Error(`start exited: ${out}`);
    if (Date.now() > deadline) throw new Error(`start timed out: ${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => out };
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function javaProcessesFor(dir: string): string {
  try {
    return execFileSync('pgrep', ['-f', dir], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

describe('npm start', () => {
  it('seeds once, keeps data across restarts, resets on --reset, and leaves no java behind', { timeout: 150_000 }, async () => {
    const port = await freePort();
    const first = await start(port);
    expect(first.output()).toContain('seed: seeded');
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('武甲山のふもと 森のがっこう');
    const list = (await (await fetch(`http://127.0.0.1:${port}/api/challenges`)).json()) as { challenges: { id: string }[] };
    expect(list.challenges.length).toBeGreaterThanOrEqual(5);
    // A change made in the first run must survive the restart.
    const token = ((await (await fetch(`http://127.0.0.1:${port}/dev/token`, { method: 'POST', body: '{"user":"admin"}', headers: { 'content-type': 'application/json' } })).json()) as { token: string }).token;
    expect(token).toBeTruthy();
    await stop(first.child);
    expect(javaProcessesFor(dataDir)).toBe('');

    const second = await start(port);
    expect(second.output()).toContain('seed: already');
    const again = (await (await fetch(`http://127.0.0.1:${port}/api/challenges`)).json()) as { challenges: { id: string }[] };
    expect(again.challenges.map((c) => c.id).sort()).toEqual(list.challenges.map((c) => c.id).sort());
    // The signing key persisted too, so the first run's token still works.
    const verify = await fetch(`http://127.0.0.1:${port}/api/ledger/verify`, { headers: { authorization: `Bearer ${token}` } });
    expect(verify.status).toBe(200);
    await stop(second.child);

    const third = await start(port, ['--reset']);
    expect(third.output()).toContain('seed: seeded');
    await stop(third.child);
    expect(javaProcessesFor(dataDir)).toBe('');
  });
});
