/**
 * Cognito: who people are. What they may do is decided in the app from the `cognito:groups` claim
 * (functions/api/auth.ts), so the groups below are the role names the app checks.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The member towns seeded at launch; town-scoped roles exist per town. */
export const SEEDED_TOWN_CODES = ['113611', '074071', '325252'] as const;

export const GLOBAL_ROLES = ['donor', 'company', 'admin'] as const;
export const TOWN_ROLES = ['reviewer', 'treasurer'] as const;

/** Every group name: global roles as-is, town roles as `<role>:<town code>` (what auth.ts parses). */
export function groupNames(towns: readonly string[] = SEEDED_TOWN_CODES): string[] {
  return [...GLOBAL_ROLES, ...TOWN_ROLES.flatMap((role) => towns.map((town) => `${role}:${town}`))];
}

export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      // Donors sign themselves up; every other role is granted by an admin adding a group.
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      // Read by auth.ts as `custom:companyId`; only admins may set it (see the client's writeAttributes).
      customAttributes: { companyId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus is the tier on which threat protection (compromised credentials, risky sign-ins) exists;
      // accounts here move money and issue tax receipts.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      // Losing the pool loses every account's identity (sub), which the ledger refers to.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const name of groupNames()) {
      new CfnUserPoolGroup(this, `Group-${name.replace(':', '-')}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: name,
        description: `Kyoso Fund role ${name}`,
      });
    }

    this.webClient = this.userPool.addClient('WebClient', {
      // A browser and an SSR app cannot keep a client secret.
      generateSecret: false,
      authFlows: { userSrp: true },
      // No hosted-UI domain yet, so OAuth would only leave a placeholder callback (and the implicit
      // flow) enabled. Turn it on together with a domain, real callback URLs and code + PKCE only.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('companyId'),
      // Not custom:companyId: a user who could write it could act for any company.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
  }
}
