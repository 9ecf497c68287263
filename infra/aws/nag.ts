/**
 * cdk-nag (v3, a CDK policy-validation plugin): the AwsSolutions pack checks the synthesized stack,
 * and synthesis fails on any error that is not acknowledged here. Each acknowledgment is a decision,
 * scoped to the construct it is about, with the reason next to it.
 */
import { type App, type CfnElement, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { KyosoFundStack } from './stack.js';

export function addNagChecks(app: App, stack: KyosoFundStack): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  acknowledgeAcceptedFindings(stack);
}

export function acknowledgeAcceptedFindings(stack: KyosoFundStack): void {
  const ack = (scope: IConstruct, id: string, reason: string): void => Validations.of(scope).acknowledge({ id, reason });

  for (const f of [stack.http, stack.stream, stack.schedule]) {
    ack(
      f.fn,
      'AwsSolutions-L1',
      'DESIGN.md pins Node.js 22 (the LTS the code and local runtime are tested on); moving to a newer runtime is a deliberate, tested upgrade, not a lint fix.',
    );
  }

  const table = stack.getLogicalId(stack.table.node.defaultChild as CfnElement);
  for (const f of [stack.http, stack.stream, stack.schedule]) {
    ack(
      f.role,
      `AwsSolutions-IAM5[Resource::<${table}.Arn>/index/*]`,
      "grantReadWriteData's index wildcard only reaches this table's own GSIs (TABLE_DESIGN: GSI1), which the access patterns query.",
    );
  }

  for (const f of [stack.stream, stack.schedule]) {
    ack(
      f.role,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
      'SES authorizes SendEmail against the sender and (in the sandbox) recipient identities, which are not known at synth; the statement is limited to this account and region and conditioned on ses:FromAddress = the platform sender.',
    );
  }

  ack(
    stack.api,
    'AwsSolutions-APIG4',
    'Routes are public at the gateway on purpose: pages and the public catalog need no sign-in, and the Hono app authenticates every other route by verifying Cognito JWTs against the user pool JWKS (functions/api/auth.ts).',
  );
  ack(
    stack.stripeSecret,
    'AwsSolutions-SMG4',
    'Stripe keys are rolled in the Stripe dashboard, which no rotation Lambda can drive; the operator rolls the key there and then puts the new value in this secret.',
  );
  ack(
    stack.streamFailures,
    'AwsSolutions-SQS3',
    'This queue is itself the on-failure destination (DLQ) of the DynamoDB stream event source mapping.',
  );
  ack(
    stack.identity.userPool,
    'AwsSolutions-COG2',
    'Donors sign themselves up and MFA would deter giving; TOTP MFA is offered to everyone and threat protection (Plus, enforced) covers risky sign-ins.',
  );
}
