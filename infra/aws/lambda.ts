/**
 * One way to build the platform's Lambda functions, so the three of them cannot drift apart in
 * runtime, architecture, bundling or logging.
 */
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Operators look back at most a quarter; longer retention is cost without a reader. */
export const LOG_RETENTION = RetentionDays.THREE_MONTHS;

/**
 * ESM bundles have no `require`, but some CommonJS dependencies (iconv-lite, parts of stripe) still
 * call it for Node built-ins; esbuild then emits a `__require` shim that throws. Defining `require`
 * from `createRequire` makes those calls work.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __kfCreateRequire } from 'node:module'; const require = __kfCreateRequire(import.meta.url);";

export interface AppFunctionProps {
  /** Handler file under functions/handlers/, without extension. */
  handler: 'http' | 'stream' | 'schedule';
  description: string;
  environment: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
}

export class AppFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    // An explicit log group, so retention is ours to set; and an explicit role that may write to this
    // group only, instead of AWSLambdaBasicExecutionRole's logs:* on every log group in the account.
    this.logGroup = new LogGroup(this, 'Logs', { retention: LOG_RETENTION });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Kyoso Fund ${props.handler} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}functions/handlers/${props.handler}.ts`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      description: props.description,
      // DESIGN.md pins Node.js 22; ARM64 is cheaper and starts faster (tech-notes §6).
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: props.environment,
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        // Prefer the ESM builds of dependencies so tree-shaking works.
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        // Source maps would need --enable-source-maps, which costs latency on every request.
        sourceMap: false,
        // The Node.js 22 runtime ships AWS SDK v3 (and its @smithy deps): no need to upload them.
        externalModules: ['@aws-sdk/*', '@smithy/*'],
      },
    });
  }
}
