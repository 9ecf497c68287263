/**
 * The CDK app (`npx cdk synth` / `npx cdk deploy`, see cdk.json). Optional context:
 *   -c kyoso:mailFrom=no-reply@your.domain   sender of platform mail (a verified SES identity)
 *   -c kyoso:alarmEmail=ops@your.domain      subscribes this address to the alarm topic
 *   -c kyoso:authDomainPrefix=kyoso-fund     Cognito hosted-UI domain prefix (unique per region across AWS;
 *                                            default: the stack name plus a stack-specific suffix)
 */
import { App, Tags } from 'aws-cdk-lib';
import { addNagChecks } from './nag.js';
import { KyosoFundStack } from './stack.js';

const app = new App();

function context(key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

// No `env`: the stack stays environment-agnostic so synthesis needs neither credentials nor network;
// the account and region come from the CLI profile at deploy time.
const stack = new KyosoFundStack(app, 'KyosoFundStack', {
  description: 'Kyoso Fund (共創ファンド): shared furusato-nozei and crowdfunding platform',
  mailFrom: context('kyoso:mailFrom'),
  alarmEmail: context('kyoso:alarmEmail'),
  authDomainPrefix: context('kyoso:authDomainPrefix'),
});
Tags.of(app).add('project', 'kyoso-fund');

// AwsSolutions checks run on every synth and fail it on unacknowledged errors; the accepted
// findings and their reasons are in nag.ts.
addNagChecks(app, stack);
