/**
 * PLACEHOLDER written by the CDK work so the stack can synthesize before the real handler exists.
 * Replace with the real DynamoDB Streams consumer (middy). Returns no failures, i.e. acknowledges all.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';

export async function handler(_event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  return { batchItemFailures: [] };
}
