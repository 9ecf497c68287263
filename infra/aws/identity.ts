/**
 * Cognito: who people are. What they may do is decided in the app from the `cognito:groups` claim
 * (functions/api/auth.ts), so the groups below are the role names the app checks.
 */
import { Aws, Duration, Fn, RemovalPolicy, Token } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
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

/** Cognito rejects prefixes containing these, and any character but a-z, 0-9 and inner hyphens. */
const RESERVED_IN_PREFIX = /aws|amazon|cognito/;
const VALID_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Refuses at synth what Cognito would refuse at deploy, half-way through creating the stack. */
export function checkDomainPrefix(prefix: string): string {
  if (!VALID_PREFIX.test(prefix) || RESERVED_IN_PREFIX.test(prefix)) {
    throw new Error(
      `kyoso:authDomainPrefix "${prefix}" is not a valid Cognito domain prefix: use 1-63 lowercase letters, digits and inner hyphens, without "aws", "amazon" or "cognito"`,
    );
  }
  return prefix;
}

/**
 * Prefixes are unique per region across all of AWS, so the default adds the first block of the stack's
 * own UUID (fixed for the stack's life, unknown to anyone else) to a slug of the stack name:
 * KyosoFundStack → `kyoso-fund-stack-1a2b3c4d`. An explicit prefix is used as given.
 */
export function authDomainPrefix(stackName: string, explicit?: string): string {
  if (explicit) return checkDomainPrefix(explicit);
  const slug = stackName
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(new RegExp(RESERVED_IN_PREFIX.source, 'g'), '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const stackUuid = Fn.select(2, Fn.split('/', Aws.STACK_ID));
  return `${slug || 'kyoso'}-${Fn.select(0, Fn.split('-', stackUuid))}`;
}

export interface IdentityProps {
  /** Where the app is served (the API endpoint): its /auth/callback and / are the client's only OAuth URLs. */
  appUrl: string;
  /** Hosted UI domain prefix (see authDomainPrefix). */
  domainPrefix: string;
}

export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** e.g. https://kyoso-fund-stack-1a2b3c4d.auth.ap-northeast-1.amazoncognito.com: what the app calls COGNITO_DOMAIN. */
  readonly hostedUiUrl: string;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.domainPrefix)) checkDomainPrefix(props.domainPrefix);

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

    // The hosted UI: people sign up and sign in on Cognito's pages, and the app never sees a password.
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    this.hostedUiUrl = this.domain.baseUrl();

    this.webClient = this.userPool.addClient('WebClient', {
      // A browser and an SSR app cannot keep a client secret; PKCE binds each code to its browser instead
      // (functions/api/hosted-ui.ts).
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        // The code flow only: the implicit flow would put tokens in URLs and browser history.
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.appUrl}/auth/callback`],
        logoutUrls: [`${props.appUrl}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
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
