/**
 * Applications and their reviews. Every change to an application is a conditional update on the
 * version the caller planned from, so two reviewers answering at the same moment cannot overwrite each
 * other's decision (the second re-reads and re-plans), and a repeated request cannot apply twice.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { fromItem } from './items.js';
import { queryAll } from './query.js';
import type { Application, Review } from '../domain/applications.js';
import { MAX_ATTEMPTS, transact, type AuditedChange, type Db, type TransactItem } from './db.js';
import { backoffMs, BusyError, NotFoundError, sleep, StateConflictError } from './errors.js';
import { keys, lists, REVIEW_PREFIX } from './keys.js';

export function applicationItem(app: Application): Record<string, unknown> {
  return { ...keys.application(app.id), type: 'application', GSI1PK: lists.applications, GSI1SK: `${app.createdAt}#${app.id}`, ...app };
}

export async function getApplication(db: Db, id: string, consistent = false): Promise<Application | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.application(id), ConsistentRead: consistent }));
  return fromItem<Application>(res.Item);
}

/** All applications, newest first. The network reviews a few hundred a year, so one partition holds them. */
export async function listApplications(db: Db): Promise<Application[]> {
  return queryAll<Application>(db, { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': lists.applications }, ScanIndexForward: false });
}

/** Every review of every round, oldest first. */
export async function listReviews(db: Db, applicationId: string): Promise<Review[]> {
  return queryAll<Review>(db, {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :r)',
    ExpressionAttributeValues: { ':pk': keys.application(applicationId).PK, ':r': REVIEW_PREFIX },
    ConsistentRead: true,
  });
}

export function reviewItem(r: Review): TransactItem {
  return { Put: { Item: { ...keys.applicationReview(r.applicationId, r.round, r.at, r.town), type: 'application_review', ...r }, ConditionExpression: 'attribute_not_exists(PK)' } };
}

/** A new draft, with its audit record; the id is fresh, so the condition only guards against a clash. */
export async function createApplication(db: Db, app: Application, audit: AuditedChange, extra: TransactItem[] = []): Promise<void> {
  await transact(db, async () => ({ items: [{ Put: { Item: applicationItem(app), ConditionExpression: 'attribute_not_exists(PK)' } }, ...extra], result: undefined }), { audit });
}

/** What a planned change writes: fields to set on the application, other items, and its audit record. */
export interface ApplicationChange<T> {
  set: Partial<Omit<Application, 'id' | 'version'>>;
  items?: TransactItem[];
  audit: AuditedChange;
  result: T;
  /** Said when one of `items` (not the application) fails its condition. */
  conflict?: string;
}

/**
 * Reads the application (strongly consistent), lets `plan` decide the change (it may throw to refuse),
 * and writes it conditional on the version read. If someone else changed the application in between,
 * it re-reads and plans again, so the rule is always applied to the latest state.
 */
export async function changeApplication<T>(db: Db, id: string, plan: (app: Application) => Promise<ApplicationChange<T>> | ApplicationChange<T>): Promise<T> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const app = await getApplication(db, id, true);
    if (!app) throw new NotFoundError('application not found');
    const change = await plan(app);
    const names: Record<string, string> = { '#version': 'version' };
    const values: Record<string, unknown> = { ':v': app.version, ':nv': app.version + 1 };
    const sets = ['#version = :nv'];
    for (const [k, v] of Object.entries(change.set)) {
      if (v === undefined) continue;
      names[`#${k}`] = k;
      values[`:${k}`] = v;
      sets.push(`#${k} = :${k}`);
    }
    const update: TransactItem = {
      Update: {
        Key: keys.application(id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: '#version = :v',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
    const outcome = await transact<{ done: true; value: T } | { done: false }>(
      db,
      async () => ({ items: [update, ...(change.items ?? [])], result: { done: true, value: change.result } }),
      {
        audit: change.audit,
        onCancel: (c) => {
          if (c.codes[0] === 'ConditionalCheckFailed') return { done: false };
          throw new StateConflictError(change.conflict ?? 'the change conflicts with the current state; reload and try again');
        },
      },
    );
    if (outcome.done) return outcome.value;
    await sleep(backoffMs(attempt));
  }
  throw new BusyError('the application is being changed by someone else; please retry');
}
