/**
 * Assertions on the synthesized KyosoFundStack: the properties that keep money, identities and
 * secrets safe, and the cdk-nag verdict. One synth for the file (bundling skipped, so the handlers'
 * code is not built); the feature flags come from cdk.json so tests see what `cdk synth` sees.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App, type CfnElement, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isTownCode } from '../../functions/domain/municipality.js';
import { TABLE_DESIGN } from '../../functions/store/table.js';
import { authDomainPrefix, SEEDED_TOWN_CODES } from '../../infra/aws/identity.js';
import { addNagChecks } from '../../infra/aws/nag.js';
import { DEFAULT_MAIL_FROM, KyosoFundStack } from '../../infra/aws/stack.js';

const repoRoot = new URL('../../', import.meta.url);
const cdkJson = JSON.parse(readFileSync(new URL('cdk.json', repoRoot), 'utf8')) as {
  app: string;
  context: Record<string, unknown>;
};
const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

function newApp(): App {
  return new App({ context: { ...cdkJson.context, ...SKIP_BUNDLING } });
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}
interface Report {
  pluginReports: { pluginName: string; violations: { ruleName: string; severity: string }[] }[];
}

const asList = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

let app: App;
let stack: KyosoFundStack;
let template: Template;
let synthError: unknown;
let nagRuns = 0;
const id = (c: IConstruct): string => stack.getLogicalId(c.node.defaultChild as CfnElement);

beforeAll(() => {
  const validate = vi.spyOn(AwsSolutionsChecks.prototype, 'validate');
  app = newApp();
  stack = new KyosoFundStack(app, 'KyosoFundStack');
  addNagChecks(app, stack);
  try {
    app.synth();
  } catch (e) {
    // cdk-nag findings fail synth after the template is written: keep the template tests running
    // and let the nag test report the findings.
    synthError = e;
  }
  nagRuns = validate.mock.calls.length;
  validate.mockRestore();
  template = Template.fromJSON(readJson(join(app.outdir, `${stack.artifactId}.template.json`)));
});

afterAll(() => rmSync(app.outdir, { recursive: true, force: true }));

function policiesOf(roleLogicalId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleLogicalId }]))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

function allStatements(): { owner: string; statement: Statement }[] {
  const out: { owner: string; statement: Statement }[] = [];
  for (const [logicalId, p] of Object.entries(template.findResources('AWS::IAM::Policy'))) {
    for (const s of p.Properties.PolicyDocument.Statement) out.push({ owner: logicalId, statement: s });
  }
  for (const [logicalId, r] of Object.entries(template.findResources('AWS::IAM::Role'))) {
    for (const inline of r.Properties.Policies ?? []) {
      for (const s of inline.PolicyDocument.Statement) out.push({ owner: logicalId, statement: s });
    }
  }
  return out;
}

describe('cdk-nag (AwsSolutions, v3 validation plugin)', () => {
  it('runs during synth and leaves no unacknowledged finding', () => {
    expect(synthError).toBeUndefined();
    expect(nagRuns).toBe(1);
    const report = readJson<Report>(join(app.outdir, 'validation-report.json'));
    const findings = report.pluginReports.flatMap((r) => r.violations.map((v) => `${r.pluginName}: ${v.ruleName} (${v.severity})`));
    expect(findings).toEqual([]);
    // Construct annotations too (cdk.json also routes them into the report above).
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  it('acknowledges exactly the accepted findings, each of which still occurs', () => {
    // Same stack, plugin but no acknowledgments: what nag would report is what nag.ts accepts.
    const bare = newApp();
    const bareStack = new KyosoFundStack(bare, 'KyosoFundStack');
    Validations.of(bare).addPlugins(new AwsSolutionsChecks(bare));
    try {
      expect(() => bare.synth()).toThrow(/AwsSolutions/);
      const report = readJson<Report>(join(bare.outdir, 'validation-report.json'));
      const rules = new Set(report.pluginReports.flatMap((r) => r.violations.map((v) => v.ruleName)));
      const table = bareStack.getLogicalId(bareStack.table.node.defaultChild as CfnElement);
      expect([...rules].sort()).toEqual(
        [
          'AwsSolutions-APIG4', // public routes; JWTs are verified in the app
          'AwsSolutions-COG2', // MFA optional for self-signed-up donors
          `AwsSolutions-IAM5[Resource::<${table}.Arn>/index/*]`, // the table's own GSI
          'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
          'AwsSolutions-L1', // Node.js 22 pinned by design
          'AwsSolutions-SMG4', // Stripe keys roll in Stripe
          'AwsSolutions-SQS3', // the queue is the DLQ
        ].sort(),
      );
    } finally {
      rmSync(bare.outdir, { recursive: true, force: true });
    }
  });

  it('is wired into the CDK app that `cdk synth` runs', async () => {
    // infra/aws/app.ts as the CLI runs it (cdk.json's app and context), minus esbuild.
    const outdir = mkdtempSync(join(tmpdir(), 'kyoso-cdk-'));
    try {
      const [cmd, ...args] = cdkJson.app.split(' ');
      const context = { ...cdkJson.context, ...SKIP_BUNDLING, 'kyoso:authDomainPrefix': 'kyoso-fund-ctx' };
      const env: NodeJS.ProcessEnv = { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) };
      delete env.NODE_ENV;
      await promisify(execFile)(cmd!, args, { cwd: repoRoot, env });
      expect(readJson<Report>(join(outdir, 'validation-report.json')).pluginReports).toEqual([]);
      // The acknowledgments made by addNagChecks, i.e. app.ts went through nag.ts.
      expect(readFileSync(join(outdir, 'KyosoFundStack.metadata.json'), 'utf8')).toContain('aws:cdk:acknowledged-rules');
      const synthesized = readJson<{ Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }>(join(outdir, 'KyosoFundStack.template.json'));
      expect(Object.values(synthesized.Resources).filter((r) => r.Type === 'AWS::Lambda::Function')).toHaveLength(3);
      // -c kyoso:authDomainPrefix reaches the hosted-UI domain.
      expect(Object.values(synthesized.Resources).find((r) => r.Type === 'AWS::Cognito::UserPoolDomain')?.Properties.Domain).toBe('kyoso-fund-ctx');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('DynamoDB table', () => {
  it('takes its key schema from TABLE_DESIGN', () => {
    const [gsi] = TABLE_DESIGN.indexes;
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: gsi!.name,
          KeySchema: [
            { AttributeName: gsi!.partitionKey, KeyType: 'HASH' },
            { AttributeName: gsi!.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      TimeToLiveSpecification: { AttributeName: TABLE_DESIGN.timeToLiveAttribute, Enabled: true },
    });
    expect(TABLE_DESIGN.indexes).toHaveLength(1);
  });

  it('is on-demand, streams new and old images, and is protected against loss', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });
});

describe('Lambda functions', () => {
  it('are exactly http, stream and schedule, on Node.js 22 / arm64 with their own log group', () => {
    const fns = template.findResources('AWS::Lambda::Function');
    expect(Object.keys(fns).sort()).toEqual([id(stack.http.fn), id(stack.schedule.fn), id(stack.stream.fn)].sort());
    for (const f of [stack.http, stack.stream, stack.schedule]) {
      expect(fns[id(f.fn)]!.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Role: { 'Fn::GetAtt': [id(f.role), 'Arn'] },
        LoggingConfig: { LogGroup: { Ref: id(f.logGroup) }, LogFormat: 'JSON' },
      });
      expect(fns[id(f.fn)]!.Properties.Environment.Variables).toMatchObject({
        TABLE_NAME: { Ref: id(stack.table) },
        APP_ENV: 'aws',
      });
    }
  });

  it('http is sized for an API and knows the table, the Stripe secret and Cognito', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 10,
      Environment: {
        Variables: Match.objectLike({
          STRIPE_SECRET_ARN: { Ref: id(stack.stripeSecret) },
          JWKS_URL: Match.anyValue(),
          JWT_ISSUER: Match.anyValue(),
          JWT_AUDIENCE: { Ref: id(stack.identity.webClient) },
          COGNITO_USER_POOL_ID: { Ref: id(stack.identity.userPool) },
          COGNITO_CLIENT_ID: { Ref: id(stack.identity.webClient) },
        }),
      },
    });
    const env = template.findResources('AWS::Lambda::Function')[id(stack.http.fn)]!.Properties.Environment.Variables;
    expect(JSON.stringify(env.JWKS_URL)).toContain('/.well-known/jwks.json');
    // Only http talks to Stripe.
    for (const f of [stack.stream, stack.schedule]) {
      expect(template.findResources('AWS::Lambda::Function')[id(f.fn)]!.Properties.Environment.Variables).not.toHaveProperty(
        'STRIPE_SECRET_ARN',
      );
    }
  });

  it('every log group has an explicit retention of three months', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(groups).toHaveLength(4); // three functions + API access logs
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(90);
  });

  it('the stream consumer isolates poison records and parks given-up batches in an encrypted queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: id(stack.stream.fn) },
      EventSourceArn: { 'Fn::GetAtt': [id(stack.table), 'StreamArn'] },
      BatchSize: Match.anyValue(),
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: Match.anyValue(),
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [id(stack.streamFailures), 'Arn'] } } },
    });
    const mapping = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'))[0]!.Properties;
    expect(mapping.MaximumRetryAttempts).toBeGreaterThanOrEqual(0);
    expect(mapping.MaximumRetryAttempts).toBeLessThanOrEqual(10);
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('the schedule function runs every 15 minutes', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [id(stack.schedule.fn), 'Arn'] } })],
    });
  });
});

describe('HTTP API', () => {
  it('has the $default stage with throttling and JSON access logs', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiAccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
    });
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!.Properties;
    expect(stage.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(stage.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThanOrEqual(stage.DefaultRouteSettings.ThrottlingRateLimit);
  });

  it('proxies / and /{proxy+} to the http function', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routes.sort()).toEqual(['ANY /', 'ANY /{proxy+}']);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [id(stack.http.fn), 'Arn'] },
    });
  });
});

describe('Cognito', () => {
  it('has a group per role, and per seeded town for town roles', () => {
    expect(SEEDED_TOWN_CODES.every(isTownCode)).toBe(true);
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName);
    expect(groups.sort()).toEqual(
      [
        'donor',
        'company',
        'admin',
        'reviewer:113611',
        'reviewer:074071',
        'reviewer:325252',
        'treasurer:113611',
        'treasurer:074071',
        'treasurer:325252',
      ].sort(),
    );
  });

  it('the user pool signs in by email, enforces strong passwords and threat protection, and is retained', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        UsernameAttributes: ['email'],
        DeletionProtection: 'ACTIVE',
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        Policies: {
          PasswordPolicy: Match.objectLike({ RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }),
        },
      }),
    });
    const pool = Object.values(template.findResources('AWS::Cognito::UserPool'))[0]!.Properties;
    expect(pool.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('the web client has no secret and cannot write its own company id', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: false });
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0]!.Properties;
    expect(client.WriteAttributes).not.toContain('custom:companyId');
    expect(client.AllowedOAuthFlows ?? []).not.toContain('implicit');
  });

  it('the web client signs in through the hosted UI with the code flow only, back to the app callback', () => {
    const client = template.findResources('AWS::Cognito::UserPoolClient')[id(stack.identity.webClient)]!.Properties;
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect([...client.AllowedOAuthScopes].sort()).toEqual(['email', 'openid', 'profile']);
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
    const endpoint = { 'Fn::GetAtt': [id(stack.api), 'ApiEndpoint'] };
    expect(client.CallbackURLs).toEqual([{ 'Fn::Join': ['', [endpoint, '/auth/callback']] }]);
    expect(client.LogoutURLs).toEqual([{ 'Fn::Join': ['', [endpoint, '/']] }]);
  });

  it('has a hosted-UI prefix domain named after the stack, which the http function knows as COGNITO_DOMAIN', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    const domain = template.findResources('AWS::Cognito::UserPoolDomain')[id(stack.identity.domain)]!.Properties;
    expect(domain.UserPoolId).toEqual({ Ref: id(stack.identity.userPool) });
    expect(domain.CustomDomainConfig).toBeUndefined();
    // `kyoso-fund-stack-` + the first block of the stack's UUID: unique, stable, and no account id in a public URL.
    expect(domain.Domain['Fn::Join'][1][0]).toBe('kyoso-fund-stack-');
    expect(JSON.stringify(domain.Domain)).toContain('AWS::StackId');
    const env = template.findResources('AWS::Lambda::Function')[id(stack.http.fn)]!.Properties.Environment.Variables;
    expect(env.COGNITO_DOMAIN).toEqual({ 'Fn::Join': ['', ['https://', { Ref: id(stack.identity.domain) }, '.auth.', { Ref: 'AWS::Region' }, '.amazoncognito.com']] });
    expect(env.APP_BASE_URL).toEqual({ 'Fn::GetAtt': [id(stack.api), 'ApiEndpoint'] });
    for (const f of [stack.stream, stack.schedule]) {
      expect(template.findResources('AWS::Lambda::Function')[id(f.fn)]!.Properties.Environment.Variables).not.toHaveProperty('COGNITO_DOMAIN');
    }
  });

  it('derives a valid default domain prefix and refuses an invalid explicit one at synth', () => {
    expect(authDomainPrefix('KyosoFundStack', 'kyoso-fund')).toBe('kyoso-fund');
    expect(() => authDomainPrefix('KyosoFundStack', 'Kyoso_Fund')).toThrow(/not a valid Cognito domain prefix/);
    expect(() => authDomainPrefix('KyosoFundStack', 'kyoso-cognito')).toThrow(/not a valid Cognito domain prefix/);
    expect(() => authDomainPrefix('KyosoFundStack', '-kyoso')).toThrow(/not a valid Cognito domain prefix/);
    const resolved = (name: string): string => {
      const s = new KyosoFundStack(newApp(), name);
      return s.resolve(authDomainPrefix(name))['Fn::Join'][1][0] as string;
    };
    expect(resolved('KyosoFundStack')).toBe('kyoso-fund-stack-');
    expect(resolved('Prod-AwsKyoso')).toBe('prod-kyoso-');
  });
});

describe('IAM and secrets', () => {
  it('only the http function can read the Stripe secret', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const secret = id(stack.stripeSecret);
    const readers = allStatements().filter(({ statement }) => JSON.stringify(statement.Resource).includes(secret));
    expect(readers.length).toBeGreaterThan(0);
    for (const { owner, statement } of readers) {
      expect(owner).toBe(id(stack.http.role.node.findChild('DefaultPolicy')));
      expect(asList(statement.Action).sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
    }
    template.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 0);
  });

  it('holds no real key in the template and generates the guest-link signing key at deploy', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'donationLinkSecret', SecretStringTemplate: Match.stringLikeRegexp('sk_replace_me') }),
    });
    expect(JSON.stringify(template.toJSON())).not.toMatch(/sk_(live|test)_/);
  });

  it('grants no wildcard actions and no Resource "*"', () => {
    for (const { owner, statement } of allStatements()) {
      for (const action of asList(statement.Action)) {
        expect(action, `${owner} ${action}`).not.toMatch(/^\*$|:\*$/);
      }
      expect(asList(statement.Resource), owner).not.toContain('*');
    }
  });

  it('gives each function the data access it needs, and SES only to the mailers, from the platform address', () => {
    const actions = (roleId: string): string[] => policiesOf(roleId).flatMap((s) => asList(s.Action));
    const [http, streamFn, schedule] = [stack.http, stack.stream, stack.schedule].map((f) => actions(id(f.role)));
    for (const a of [http, streamFn, schedule]) expect(a).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query']));
    expect(streamFn).toEqual(expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:DescribeStream', 'sqs:SendMessage']));
    expect(http).not.toContain('ses:SendEmail');
    for (const f of [stack.stream, stack.schedule]) {
      const ses = policiesOf(id(f.role)).filter((s) => asList(s.Action).includes('ses:SendEmail'));
      expect(ses).toHaveLength(1);
      expect(JSON.stringify(ses[0]!.Resource)).toContain(':identity/*');
      expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': DEFAULT_MAIL_FROM } });
    }
    // No function depends on the account-wide AWSLambdaBasicExecutionRole.
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
    }
  });
});

describe('alarms and outputs', () => {
  it('alarm on http errors and throttles, API 5xx, stream errors and iterator age, into an encrypted topic', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const has = (namespace: string, metric: string, dimension?: string): boolean =>
      alarms.some(
        (a) =>
          a.Namespace === namespace &&
          a.MetricName === metric &&
          (!dimension || JSON.stringify(a.Dimensions).includes(dimension)) &&
          JSON.stringify(a.AlarmActions) === JSON.stringify([{ Ref: id(stack.alarmTopic) }]),
      );
    expect(has('AWS/Lambda', 'Errors', id(stack.http.fn))).toBe(true);
    expect(has('AWS/Lambda', 'Throttles', id(stack.http.fn))).toBe(true);
    expect(has('AWS/ApiGateway', '5xx')).toBe(true);
    expect(has('AWS/Lambda', 'Errors', id(stack.stream.fn))).toBe(true);
    expect(has('AWS/Lambda', 'IteratorAge', id(stack.stream.fn))).toBe(true);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('outputs the API URL, table name, user pool id, client id and hosted-UI URL', () => {
    for (const name of ['ApiUrl', 'TableName', 'UserPoolId', 'UserPoolClientId', 'HostedUiUrl']) template.hasOutput(name, {});
  });
});
