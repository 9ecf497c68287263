/**
 * Starts one in-memory DynamoDB Local for the whole run on a free port, and stops it at the end, so no
 * java process outlives `npm test`.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoLocal, type LocalDynamo } from '../../infra/local/dynamodb.js';

let dynamo: LocalDynamo | undefined;

export async function setup(project: TestProject) {
  dynamo = await startDynamoLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  const stop = () => void dynamo?.stop();
  process.once('exit', stop);
}

export async function teardown() {
  await dynamo?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
