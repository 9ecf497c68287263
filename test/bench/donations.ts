/** The donation leg of the bench: create through the API, pay through the emulator's signed webhook. */
import type { Hono } from 'hono';

type Measure = (label: string, n: number, op: (i: number) => Promise<unknown>) => Promise<number>;

export async function benchDonations(app: Hono<any>, n: number, measure: Measure): Promise<number | undefined> {
  const probe = await app.request('/api/donations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (probe.status === 404) return undefined;
  return measure('API donation: create + emulator pay + webhook', n, async (i) => {
    const res = await app.request('/api/donations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${i}` },
      body: JSON.stringify({
        challengeId: 'yokoze-forest-school',
        amount: 10_000,
        receivingTown: '113611',
        donor: { name: '寄附 太郎', nameKana: 'キフ タロウ', email: `bench${i}@example.jp`, postalCode: '3680072', address: '埼玉県秩父郡横瀬町大字横瀬1' },
        anonymous: false,
        oneStop: false,
      }),
    });
    if (res.status !== 201) throw new Error(`donation create failed: ${res.status} ${await res.text()}`);
    const { checkoutUrl } = (await res.json()) as { checkoutUrl: string };
    const sessionId = checkoutUrl.split('/').pop()!;
    const paid = await app.request(`/dev/checkout/${sessionId}/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"method":"card"}' });
    if (paid.status >= 300) throw new Error(`checkout complete failed: ${paid.status} ${await paid.text()}`);
  });
}
