/** A company editing its own profile; the profile items themselves are defined in users.ts. */
import type { CompanyProfileInput } from '../domain/company.js';
import { transact, type AuditedChange, type Db } from './db.js';
import { NotFoundError } from './errors.js';
import { keys } from './keys.js';

export async function updateCompanyProfile(db: Db, companyId: string, profile: CompanyProfileInput, audit: AuditedChange): Promise<void> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  for (const [k, v] of Object.entries(profile)) {
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    sets.push(`#${k} = :${k}`);
  }
  await transact(
    db,
    async () => ({
      items: [
        {
          Update: {
            Key: keys.company(companyId),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
      ],
      result: undefined,
    }),
    {
      audit,
      onCancel: () => {
        throw new NotFoundError('company not found');
      },
    },
  );
}
