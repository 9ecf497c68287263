/** The scheduled one-stop reminders: the workflow is services/one-stop.ts; this registers it with the schedule. */
import type { Db } from '../../services/context.js';
import { remindOneStopForms as remind } from '../../services/one-stop.js';
import type { ScheduledTask } from './schedule.js';

/** @example await remindOneStopForms(db, new Date('2026-12-20T09:00:00+09:00')) */
export const remindOneStopForms = (db: Db, now: Date) => remind({ db, now: () => now });

export const oneStopReminderTask: ScheduledTask = { name: 'one-stop-reminders', run: remindOneStopForms };
