/**
 * PLACEHOLDER written by the CDK work so the stack can synthesize before the real handler exists.
 * Replace with the real EventBridge handler (close challenges at deadline, one-stop reminders).
 */
import type { ScheduledEvent } from 'aws-lambda';

export async function handler(_event: ScheduledEvent): Promise<void> {}
