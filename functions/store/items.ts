/** Turns a stored item back into the domain object: key, index and type attributes are the store's own. */
export function fromItem<T>(item: Record<string, unknown>): T;
export function fromItem<T>(item: Record<string, unknown> | undefined): T | undefined;
export function fromItem<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const { PK: _pk, SK: _sk, GSI1PK: _gpk, GSI1SK: _gsk, type: _type, ...rest } = item;
  return rest as T;
}
