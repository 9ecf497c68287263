import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Locally DYNAMODB_ENDPOINT points at DynamoDB Local, which accepts any credentials; in Lambda the
 * default provider chain and region apply and no endpoint is set.
 */
export function createDocumentClient(endpoint = process.env.DYNAMODB_ENDPOINT): DynamoDBDocumentClient {
  const config: DynamoDBClientConfig = endpoint
    ? {
        endpoint,
        region: process.env.AWS_REGION ?? 'ap-northeast-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 3,
      }
    : {};
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
