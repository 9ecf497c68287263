/**
 * Progress updates (活動報告): the operating company reports on its published challenge, the donors who
 * opted in hear of it by mail, and the public reads the updates on the challenge page.
 */
import { isAdmin, type Actor } from '../domain/actor.js';
import type { Challenge } from '../domain/catalog.js';
import { acceptsUpdates, updateIssues, type UpdateInput } from '../domain/challenge-lifecycle.js';
import { addChallengeUpdate, challengeSubscribers, getChallengeConsistent, listChallengeUpdates, newUpdateId, type ChallengeUpdate } from '../store/challenges.js';
import { updateMail } from './cocreation-mail.js';
import { cocreationRefusal, refuseIssues } from './cocreation-refusals.js';
import { challengeHidden, manageableChallenge } from './challenges.js';
import { nowOf, type ServiceContext } from './context.js';

export type { ChallengeUpdate } from '../store/challenges.js';
export type { UpdateInput } from '../domain/challenge-lifecycle.js';

const operatorOnly = () => cocreationRefusal('forbidden', 'forbidden', 'cocreation.operator_only');

/**
 * The operating company reports progress; donors who opted in get it by mail.
 * @example const { update, mailed } = await postUpdate(ctx, actor, 'ch-0123456789ab', { title, text, date: '2090-05-01' })
 */
export async function postUpdate(ctx: ServiceContext, actor: Actor, id: string, input: UpdateInput): Promise<{ update: ChallengeUpdate; mailed: number }> {
  const { challenge: ch, asOperator } = await manageableChallenge(ctx, actor, id);
  if (!asOperator) throw operatorOnly();
  if (!acceptsUpdates(ch.status)) throw cocreationRefusal('conflict', 'state_conflict', 'cocreation.updates_need_publish');
  const clean = { title: (input.title ?? '').trim(), text: (input.text ?? '').trim(), date: input.date };
  const issues = updateIssues(clean);
  if (issues.length) refuseIssues(issues);
  const update: ChallengeUpdate = { id: newUpdateId(), challengeId: id, ...clean, authorId: actor.sub, companyId: ch.operatorCompanyId, createdAt: nowOf(ctx).toISOString() };
  const mails = (await challengeSubscribers(ctx.db, id)).map((to) => updateMail({ challenge: ch, update: clean, to, baseUrl: ctx.baseUrl }));
  const { mailed } = await addChallengeUpdate(ctx.db, update, mails, {
    chain: `town:${ch.leadTown}`,
    input: {
      actor: actor.sub,
      role: isAdmin(actor) ? 'admin' : `company:${ch.operatorCompanyId}`,
      action: 'challenge.update.post',
      target: `challenge:${id}`,
      after: { updateId: update.id, title: update.title, date: update.date, mailed: mails.length },
      requestId: ctx.requestId,
    },
  });
  return { update, mailed };
}

/**
 * Public: the updates of a published challenge, newest first; a draft's are hidden with the draft.
 * @example const updates = await publicUpdates(ctx, 'ch-0123456789ab')
 */
export async function publicUpdates(ctx: ServiceContext, id: string): Promise<ChallengeUpdate[]> {
  const ch = await getChallengeConsistent(ctx.db, id);
  if (!ch || ch.status === 'draft') throw challengeHidden();
  return listChallengeUpdates(ctx.db, id);
}

/**
 * The operator's updates page: its challenge, the updates so far, and whether it may post now.
 * @example const { challenge, updates, canPost } = await operatorUpdates(ctx, actor, id)
 */
export async function operatorUpdates(ctx: ServiceContext, actor: Actor, id: string): Promise<{ challenge: Challenge; updates: ChallengeUpdate[]; canPost: boolean }> {
  const { challenge, asOperator } = await manageableChallenge(ctx, actor, id);
  if (!asOperator) throw operatorOnly();
  const updates = challenge.status === 'draft' ? [] : await listChallengeUpdates(ctx.db, id);
  return { challenge, updates, canPost: acceptsUpdates(challenge.status) };
}
