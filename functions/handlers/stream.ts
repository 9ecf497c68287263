/** Lambda entry for the table's stream: unmarshal, hand each record to the consumers, report failures. */
import middy from '@middy/core';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { processStreamRecord } from '../services/jobs/stream.js';
import { sesMailer } from '../services/jobs/mailer.js';
import { createDocumentClient } from '../store/client.js';
import { tableName } from '../store/table.js';

const deps = { db: { doc: createDocumentClient(), table: tableName() }, mailer: sesMailer(process.env.MAIL_FROM ?? 'no-reply@kyoso.example') };

const image = (img: unknown) => (img ? unmarshall(img as Record<string, AttributeValue>) : undefined);

export const handler = middy(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const r of event.Records) {
    try {
      await processStreamRecord(deps, { eventName: r.eventName, newImage: image(r.dynamodb?.NewImage), oldImage: image(r.dynamodb?.OldImage) });
    } catch (e) {
      console.error(JSON.stringify({ level: 'error', msg: 'stream record failed', id: r.eventID, error: String(e) }));
      // Records after a failure are retried too, in order, since the sequence number is reported.
      batchItemFailures.push({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' });
      break;
    }
  }
  return { batchItemFailures };
});
