/**
 * The one table. Single-table design: generic PK/SK with type prefixes (see keys.ts for every key),
 * one overloaded GSI for "list by kind / by owner" access patterns. The CDK stack and the local
 * runtime both build the table from this description, so they cannot drift apart.
 */
export const TABLE_DESIGN = {
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: [{ name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' }],
  timeToLiveAttribute: 'expiresAt',
} as const;

export const DEFAULT_TABLE_NAME = 'kyoso';

export function tableName(): string {
  return process.env.TABLE_NAME ?? DEFAULT_TABLE_NAME;
}
