/** Lambda entry for the EventBridge schedule. */
import middy from '@middy/core';
import { runScheduled } from '../services/jobs/schedule.js';
import { createDocumentClient } from '../store/client.js';
import { tableName } from '../store/table.js';

const db = { doc: createDocumentClient(), table: tableName() };

export const handler = middy(async () => runScheduled(db));
