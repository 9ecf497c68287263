/**
 * `npm start` as a person runs it: DynamoDB Local with data on disk, the seed once, the server; a
 * restart keeps the data, --reset starts empty, and stopping leaves no java process behind. The data
 * directory's own secrets sign links and events (never the source constants); a java process that dies is
 * restarted (health 503, then 200, data kept); an orphan left by a SIGKILLed run is killed by the next start.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/dynamodb.js';
import { LOCAL_DONATION_LINK_SECRET } from '../../functions/payments/config.js';
import { LOCAL_WEBHOOK_SECRET, signPayload } from '../../functions/payments/stripe-events.js';
import { donationToken } from '../../functions/services/donation-links.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kyoso-start-'));
const dirs = [dataDir];
afterAll(() => {
  // A failed test must not leave its java behind: only the processes on our own temporary directories.
  for (const d of dirs) {
    for (const pid of javaProcessesFor(d).split('\n').filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    rmSync(d, { recursive: true, force: true });
  }
});

async function start(port: number, args: string[] = [], dir = dataDir): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts', ...args], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dir, DYNAMODB_ENDPOINT: '', DONATION_LINK_SECRET: '', STRIPE_WEBHOOK_SECRET: '', STRIPE_SECRET_KEY: '', SCHEDULE_INTERVAL_MS: '3600000' },
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

  it("signs with the data directory's own secrets, never the constants in the source", { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyoso-start-secrets-'));
    dirs.push(dir);
    const port = await freePort();
    const run = await start(port, [], dir);
    try {
      const file = join(dir, 'local-secrets.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const secrets = JSON.parse(readFileSync(file, 'utf8')) as { donationLinkSecret: string; stripeWebhookSecret: string };
      const event = JSON.stringify({ id: 'evt_secret_probe', type: 'customer.created', created: Math.floor(Date.now() / 1000), data: { object: {} } });
      const post = async (secret: string) =>
        fetch(`http://127.0.0.1:${port}/api/stripe/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': await signPayload(event, secret) }, body: event });
      expect((await post(LOCAL_WEBHOOK_SECRET)).status).toBe(400);
      expect((await post(secrets.stripeWebhookSecret)).status).toBe(200);

      const created = await fetch(`http://127.0.0.1:${port}/api/donations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(guestDonation),
      });
      expect(created.status).toBe(201);
      const { donationId } = (await created.json()) as { donationId: string };
      const read = (secret: string) => fetch(`http://127.0.0.1:${port}/api/donations/${donationId}?t=${donationToken(secret, donationId)}`);
      expect((await read(LOCAL_DONATION_LINK_SECRET)).status).toBe(401);
      expect((await read(secrets.donationLinkSecret)).status).toBe(200);
    } finally {
      await stop(run.child);
    }
    expect(javaProcessesFor(dir)).toBe('');
  });

  it('restarts DynamoDB Local when it dies: health goes 503, then 200 again, and the data is still there', { timeout: 150_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyoso-start-restart-'));
    dirs.push(dir);
    const port = await freePort();
    const run = await start(port, [], dir);
    try {
      const base = `http://127.0.0.1:${port}`;
      expect(await (await fetch(`${base}/api/health`)).json()).toMatchObject({ status: 'ok', database: 'ok' });
      const created = await fetch(`${base}/api/donations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(guestDonation) });
      expect(created.status).toBe(201);
      const { donationId } = (await created.json()) as { donationId: string };
      const secret = (JSON.parse(readFileSync(join(dir, 'local-secrets.json'), 'utf8')) as { donationLinkSecret: string }).donationLinkSecret;

      const javaPid = Number(readFileSync(join(dir, 'dynamodb.pid'), 'utf8'));
      expect(javaProcessesFor(dir).split('\n')).toEqual([String(javaPid)]);
      process.kill(javaPid, 'SIGKILL');

      const statuses = await healthUntil(base, 200, 90_000);
      expect(statuses).toContain(503);
      expect(run.output()).toMatch(/DynamoDB Local: exited unexpectedly[\s\S]*DynamoDB Local: restarted/);
      const newPid = Number(readFileSync(join(dir, 'dynamodb.pid'), 'utf8'));
      expect(newPid).not.toBe(javaPid);
      expect(javaProcessesFor(dir).split('\n')).toEqual([String(newPid)]);
      const read = await fetch(`${base}/api/donations/${donationId}?t=${donationToken(secret, donationId)}`);
      expect(read.status).toBe(200);
    } finally {
      await stop(run.child);
    }
    expect(javaProcessesFor(dir)).toBe('');
  });

  it('after the node process is SIGKILLed, the next start kills the orphaned java and comes up on the same data', { timeout: 150_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyoso-start-orphan-'));
    dirs.push(dir);
    const port = await freePort();
    const first = await start(port, [], dir);
    const orphan = Number(readFileSync(join(dir, 'dynamodb.pid'), 'utf8'));
    const died = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await died;
    expect(javaProcessesFor(dir).split('\n')).toEqual([String(orphan)]);

    const second = await start(port, [], dir);
    try {
      expect(second.output()).toContain(`killing orphan pid ${orphan}`);
      expect(second.output()).toContain('seed: already');
      const now = Number(readFileSync(join(dir, 'dynamodb.pid'), 'utf8'));
      expect(now).not.toBe(orphan);
      expect(javaProcessesFor(dir).split('\n')).toEqual([String(now)]);
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    } finally {
      await stop(second.child);
    }
    expect(javaProcessesFor(dir)).toBe('');
  });
});

const guestDonation = {
  challengeId: 'yokoze-bandai-dx',
  amount: 10_000,
  donor: { name: '共創 太郎', nameKana: 'キョウソウ タロウ', email: 'taro@example.jp', postalCode: '368-0072', address: '埼玉県秩父郡横瀬町大字横瀬4545' },
  anonymous: false,
  oneStop: true,
};

/** Polls /api/health until it answers `want`; returns every status seen on the way. */
async function healthUntil(base: string, want: number, withinMs: number): Promise<number[]> {
  const seen: number[] = [];
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const status = await fetch(`${base}/api/health`).then((r) => r.status, () => 0);
    seen.push(status);
    if (status === want && seen.includes(503)) return seen;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`health never answered ${want}: ${seen.join(',')}`);
}
