/**
 * A town's approved 地域再生計画 on DynamoDB: one partition per town (PK RPLAN#<town>), so the eligibility
 * check of a pledge reads all of the receiving town's plans with one consistent query.
 */
import { fromItem } from './items.js';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { PlanProject, RegionalPlan, RegionalPlanInput } from '../domain/regional-plans.js';
import { SCHEME_END } from '../domain/corporate.js';
import { jstDate } from '../domain/jst.js';
import { listChallenges, listFunds, listTowns } from './catalog.js';
import { nowIso, transact, type AuditedChange, type Db } from './db.js';
import { NotFoundError, StateConflictError } from './errors.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';

export async function listPlans(db: Db, town: string): Promise<RegionalPlan[]> {
  const plans = await queryAll<RegionalPlan>(db, {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': keys.regionalPlan(town, '').PK, ':p': 'PLAN#' },
    ConsistentRead: true,
  });
  return plans.sort((a, b) => b.periodEnd.localeCompare(a.periodEnd) || a.id.localeCompare(b.id));
}

export async function getPlan(db: Db, town: string, id: string): Promise<RegionalPlan | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.regionalPlan(town, id), ConsistentRead: true }));
  return res.Item ? fromItem<RegionalPlan>(res.Item) : undefined;
}

/** Registers a plan (already validated); a second plan with the same id is refused. */
export async function createPlan(db: Db, town: string, id: string, input: RegionalPlanInput, by: string, audit: AuditedChange): Promise<RegionalPlan> {
  const plan: RegionalPlan = { id, town, ...input, createdAt: nowIso(db), createdBy: by, version: 1 };
  await transact(db, async () => ({ items: [{ Put: { Item: { ...keys.regionalPlan(town, id), type: 'regional_plan', ...plan }, ConditionExpression: 'attribute_not_exists(PK)' } }], result: undefined }), {
    audit,
    onCancel: () => {
      throw new StateConflictError(`regional plan ${id} already exists`);
    },
  });
  return plan;
}

/** Replaces the plan's projects (which challenges and funds it covers), conditional on the version read. */
export async function replaceProjects(db: Db, plan: RegionalPlan, projects: PlanProject[], audit: AuditedChange): Promise<RegionalPlan> {
  const updatedAt = nowIso(db);
  await transact(
    db,
    async () => ({
      items: [
        {
          Update: {
            Key: keys.regionalPlan(plan.town, plan.id),
            UpdateExpression: 'SET projects = :p, version = :next, updatedAt = :at',
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':p': projects, ':next': plan.version + 1, ':at': updatedAt, ':v': plan.version },
          },
        },
      ],
      result: undefined,
    }),
    {
      audit,
      onCancel: async () => {
        if (!(await getPlan(db, plan.town, plan.id))) throw new NotFoundError('regional plan not found');
        throw new StateConflictError('the plan was changed by someone else; reload and try again');
      },
    },
  );
  return { ...plan, projects, version: plan.version + 1, updatedAt };
}

/**
 * Demo plans: each town has one approved plan running to the scheme's end whose project covers every open
 * challenge it takes part in and every fund it is a member of. So `yokoze-bandai-dx` is eligible through
 * Yokoze and Bandai, each town's own challenge through that town, and `kyoso-kikin` through all three.
 * Idempotent: a plan that exists is left alone.
 */
export async function seedRegionalPlans(db: Db, now = new Date()): Promise<void> {
  const [towns, challenges, funds] = await Promise.all([listTowns(db), listChallenges(db), listFunds(db)]);
  const monthAgo = jstDate(new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000));
  const periodStart = monthAgo < '2025-04-01' ? monthAgo : '2025-04-01';
  for (const town of towns) {
    const input: RegionalPlanInput = {
      name: `${town.name}まち・ひと・しごと創生推進計画`,
      approvedOn: periodStart,
      periodStart,
      periodEnd: SCHEME_END,
      projects: [
        {
          name: '広域連携による共創のまちづくり事業',
          challengeIds: challenges.filter((c) => c.status === 'open' && c.towns.includes(town.code)).map((c) => c.id).sort(),
          fundIds: funds.filter((f) => f.members.includes(town.code)).map((f) => f.id).sort(),
        },
      ],
    };
    const id = `plan-${town.code}-seed`;
    if (await getPlan(db, town.code, id)) continue;
    try {
      await createPlan(db, town.code, id, input, 'system:seed', {
        chain: `town:${town.code}`,
        input: { actor: 'system:seed', role: 'system', action: 'regional_plan.create', target: `regional-plan:${town.code}:${id}`, after: input },
      });
    } catch (e) {
      if (!(e instanceof StateConflictError)) throw e;
    }
  }
}
