/**
 * Kyoso Fund in AWS (DESIGN.md "Production"): HTTP API → http Lambda; DynamoDB (+ stream → stream
 * Lambda); EventBridge → schedule Lambda; Cognito; the Stripe secret; alarms.
 * Environment-agnostic on purpose, so `cdk synth` needs no AWS credentials or network.
 */
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, Billing, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE_DESIGN } from '../../functions/store/table.js';
import { authDomainPrefix, Identity } from './identity.js';
import { AppFunction, LOG_RETENTION } from './lambda.js';

export interface KyosoFundStackProps extends StackProps {
  /** Sender address of platform mail; must be a verified SES identity in the target account. */
  mailFrom?: string;
  /** Where alarm notifications go; without it, subscribe to the topic by hand. */
  alarmEmail?: string;
  /** Steady-state requests/s the API accepts before answering 429. */
  apiRateLimit?: number;
  apiBurstLimit?: number;
  /** Prefix of the Cognito hosted-UI domain (`<prefix>.auth.<region>.amazoncognito.com`); default from the stack name. */
  authDomainPrefix?: string;
}

export const DEFAULT_MAIL_FROM = 'no-reply@kyoso-fund.example';

/** One JSON object per request, so Logs Insights can filter on fields. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    time: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    method: '$context.httpMethod',
    path: '$context.path',
    status: '$context.status',
    bytes: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

export class KyosoFundStack extends Stack {
  readonly table: TableV2;
  readonly identity: Identity;
  readonly stripeSecret: Secret;
  readonly http: AppFunction;
  readonly stream: AppFunction;
  readonly schedule: AppFunction;
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly streamFailures: Queue;
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: KyosoFundStackProps = {}) {
    super(scope, id, props);
    const mailFrom = props.mailFrom ?? DEFAULT_MAIL_FROM;

    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: TABLE_DESIGN.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_DESIGN.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: TABLE_DESIGN.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })),
      timeToLiveAttribute: TABLE_DESIGN.timeToLiveAttribute,
      billing: Billing.onDemand(),
      // The ledger lives here: recover to any second of the last 35 days, and never delete by accident.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Projections and notifications compare before/after images.
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
    });

    this.stripeSecret = new Secret(this, 'StripeSecret', {
      description: 'Stripe API secret key and webhook signing secret for Kyoso Fund',
      // Placeholders only: put the real values with `aws secretsmanager put-secret-value` after deploy,
      // so no key ever passes through the template or the repository.
      // The guest-link signing key is generated at deploy time and never leaves AWS.
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ secretKey: 'sk_replace_me', webhookSecret: 'whsec_replace_me' }),
        generateStringKey: 'donationLinkSecret',
        passwordLength: 48,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.api = new HttpApi(this, 'Api', {
      description: 'Kyoso Fund',
      // Our own stage below, because the default one cannot take throttling or access logs.
      createDefaultStage: false,
    });

    // After the API: the hosted UI may only send people back to the app's own callback.
    this.identity = new Identity(this, 'Identity', {
      appUrl: this.api.apiEndpoint,
      domainPrefix: authDomainPrefix(this.stackName, props.authDomainPrefix),
    });
    const { userPool, webClient } = this.identity;

    const common = { TABLE_NAME: this.table.tableName, APP_ENV: 'aws' };
    const issuer = `https://${userPool.userPoolProviderUrl}`;

    this.http = new AppFunction(this, 'Http', {
      handler: 'http',
      description: 'Kyoso Fund HTTP API and pages (Hono)',
      environment: {
        ...common,
        STRIPE_SECRET_ARN: this.stripeSecret.secretArn,
        // The names functions/handlers/http.ts reads; ID tokens carry the client id as `aud`.
        JWKS_URL: `${issuer}/.well-known/jwks.json`,
        JWT_ISSUER: issuer,
        JWT_AUDIENCE: webClient.userPoolClientId,
        COGNITO_USER_POOL_ID: userPool.userPoolId,
        COGNITO_CLIENT_ID: webClient.userPoolClientId,
        // The hosted UI (sign-in, sign-up, sign-out); api/pages/auth.ts runs the code + PKCE flow against it.
        COGNITO_DOMAIN: this.identity.hostedUiUrl,
        // The execute-api endpoint: the stage is `$default`, so there is no path prefix.
        APP_BASE_URL: this.api.apiEndpoint,
      },
    });
    this.table.grantReadWriteData(this.http.fn);
    this.stripeSecret.grantRead(this.http.fn);

    this.stream = new AppFunction(this, 'Stream', {
      handler: 'stream',
      description: 'Kyoso Fund DynamoDB stream consumer: projections and notifications',
      environment: { ...common, MAIL_FROM: mailFrom },
      timeout: Duration.seconds(30),
    });
    this.streamFailures = new Queue(this, 'StreamFailures', {
      // Holds the shard/sequence range of batches that kept failing; replay from PITR or the stream.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.stream.fn.addEventSource(
      new DynamoEventSource(this.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 50,
        maxBatchingWindow: Duration.seconds(1),
        // Isolate a poison record instead of failing (and re-running) its whole batch.
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(12),
        onFailure: new SqsDlq(this.streamFailures),
      }),
    );
    this.table.grantReadWriteData(this.stream.fn);

    this.schedule = new AppFunction(this, 'Schedule', {
      handler: 'schedule',
      description: 'Kyoso Fund timed jobs: close challenges at deadline, one-stop reminders',
      environment: { ...common, MAIL_FROM: mailFrom },
      timeout: Duration.minutes(2),
    });
    this.table.grantReadWriteData(this.schedule.fn);
    new Rule(this, 'Every15Minutes', {
      description: 'Closes challenges past their deadline and sends one-stop (ワンストップ) reminders',
      schedule: Schedule.rate(Duration.minutes(15)),
      // The next run comes 15 minutes later and supersedes an undelivered one.
      targets: [new LambdaFunction(this.schedule.fn, { retryAttempts: 2, maxEventAge: Duration.minutes(15) })],
    });

    // SES identities are per account and region; the From condition keeps a compromised function
    // from mailing as anyone but the platform.
    const sendEmail = new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [`arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:identity/*`],
      conditions: { StringEquals: { 'ses:FromAddress': mailFrom } },
    });
    this.stream.fn.addToRolePolicy(sendEmail);
    this.schedule.fn.addToRolePolicy(sendEmail);

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: LOG_RETENTION });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.apiRateLimit ?? 100, burstLimit: props.apiBurstLimit ?? 200 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });
    // Routing, authentication and authorization all happen in the Hono app (JWTs checked against
    // the user pool's JWKS), because pages and public catalog routes share the same function.
    const integration = new HttpLambdaIntegration('HttpFunction', this.http.fn);
    this.api.addRoutes({ path: '/', methods: [HttpMethod.ANY], integration });
    this.api.addRoutes({ path: '/{proxy+}', methods: [HttpMethod.ANY], integration });

    this.alarmTopic = this.createAlarmTopic(props.alarmEmail);
    this.createAlarms();

    new CfnOutput(this, 'ApiUrl', { value: this.stage.url });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: webClient.userPoolClientId });
    new CfnOutput(this, 'HostedUiUrl', { value: this.identity.hostedUiUrl });
  }

  private createAlarmTopic(email: string | undefined): Topic {
    // CloudWatch cannot publish to a topic under the AWS-managed SNS key (its policy cannot be
    // changed), so the key is ours and lets CloudWatch encrypt what it publishes.
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the Kyoso Fund alarm topic',
      enableKeyRotation: true,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    const topic = new Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true });
    if (email) topic.addSubscription(new EmailSubscription(email));
    return topic;
  }

  private createAlarms(): void {
    const fiveMinutes = { period: Duration.minutes(5) };
    const alarm = (id: string, description: string, metric: IMetric, threshold = 1): void => {
      new Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No traffic is not an outage.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new SnsAction(this.alarmTopic));
    };

    alarm('HttpErrors', 'The http function threw (unhandled errors, timeouts)', this.http.fn.metricErrors(fiveMinutes));
    alarm('HttpThrottles', 'The http function was throttled', this.http.fn.metricThrottles(fiveMinutes));
    alarm('Api5xx', 'The HTTP API answered 5xx', this.api.metricServerError(fiveMinutes), 5);
    alarm('StreamErrors', 'The stream function failed a batch', this.stream.fn.metricErrors(fiveMinutes));
    alarm(
      'StreamIteratorAge',
      'The stream function is more than 5 minutes behind the table (projections and mails are late)',
      this.stream.fn.metric('IteratorAge', { ...fiveMinutes, statistic: 'Maximum' }),
      Duration.minutes(5).toMilliseconds(),
    );
    alarm(
      'StreamFailuresQueued',
      'Stream batches were given up on; see the failure queue',
      this.streamFailures.metricApproximateNumberOfMessagesVisible(fiveMinutes),
    );
    alarm('ScheduleErrors', 'The schedule function failed', this.schedule.fn.metricErrors(fiveMinutes));
  }
}
