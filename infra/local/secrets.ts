/**
 * The local runtime's secrets: the guest donation link secret and the emulator's webhook signing secret.
 * The environment wins (DONATION_LINK_SECRET, STRIPE_WEBHOOK_SECRET); otherwise each data directory gets
 * its own random pair on first start, kept in `<DATA_DIR>/local-secrets.json` (mode 0600) so links and
 * signatures survive restarts. Never the constants in the source: those are for the tests only.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface LocalSecrets {
  donationLinkSecret: string;
  stripeWebhookSecret: string;
}

export const SECRETS_FILE = 'local-secrets.json';

export function localSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): LocalSecrets {
  const file = resolve(dataDir, SECRETS_FILE);
  let stored: Partial<LocalSecrets> = {};
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
    chmodSync(file, 0o600);
  }
  const generated: LocalSecrets = {
    donationLinkSecret: stored.donationLinkSecret || randomBytes(32).toString('hex'),
    stripeWebhookSecret: stored.stripeWebhookSecret || `whsec_${randomBytes(24).toString('hex')}`,
  };
  if (generated.donationLinkSecret !== stored.donationLinkSecret || generated.stripeWebhookSecret !== stored.stripeWebhookSecret) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(generated), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return {
    donationLinkSecret: env.DONATION_LINK_SECRET || generated.donationLinkSecret,
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET || generated.stripeWebhookSecret,
  };
}
