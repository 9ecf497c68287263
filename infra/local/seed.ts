/** Seeds the demo network once; every write is idempotent, so a half-finished seed just completes. */
import { accounts } from '../../functions/domain/ledger/accounts.js';
import { transfer } from '../../functions/domain/ledger/entry.js';
import { jstDate } from '../../functions/domain/jst.js';
import { putChallenge, putFund, putTown } from '../../functions/store/catalog.js';
import type { Db } from '../../functions/store/db.js';
import { postEntry } from '../../functions/store/ledger.js';
import { putCompany, putUser } from '../../functions/store/users.js';
import { seedRegionalPlans } from '../../functions/store/regional-plans.js';
import { createIfAbsent, isSeeded, markSeeded } from '../../functions/store/seed-state.js';
import * as data from './seed-data.js';

export async function seed(db: Db, now = new Date()): Promise<'seeded' | 'already'> {
  if (await isSeeded(db)) return 'already';
  for (const t of data.towns) await createIfAbsent(putTown(db, t));
  for (const f of data.funds) await createIfAbsent(putFund(db, f));
  for (const c of data.challenges(now)) await createIfAbsent(putChallenge(db, c));
  for (const c of data.companies) await putCompany(db, c);
  for (const u of data.users) await putUser(db, u);
  const date = jstDate(now);
  for (const fund of data.funds) {
    for (const town of fund.members) {
      await postEntry(
        db,
        transfer(
          { id: `fund:${fund.id}:opening:${town}`, date, memo: `${fund.name} 期首残高 / opening balance`, channel: 'opening', town },
          accounts.bank(town),
          accounts.fundShare(fund.id, town),
          data.OPENING_SHARE,
        ),
        { audit: { chain: `town:${town}`, input: { actor: 'system:seed', role: 'system', action: 'fund.opening_balance', target: `fund:${fund.id}`, after: { town, amount: data.OPENING_SHARE } } } },
      );
    }
  }
  await seedRegionalPlans(db, now);
  await markSeeded(db, now);
  return 'seeded';
}
