import { ConfigError, type PlatformConfig, enabledLogLevels, parseConfig } from './config';

const parse = (env: Record<string, string | undefined>): PlatformConfig =>
  parseConfig(env, { defaultPort: 3002 });

const problemsOf = (env: Record<string, string | undefined>): string[] => {
  try {
    parse(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('parseConfig', () => {
  it('gives the documented defaults for an empty environment', () =>
    expect(parse({})).toEqual({
      port: 3002,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: './data',
      kafka: { brokers: [], topicPrefix: 'coe', partitions: 6, sessionTimeoutMs: 10_000 },
      jwt: {
        secret: undefined,
        publicKey: undefined,
        jwksUrl: undefined,
        issuer: undefined,
        audience: undefined,
      },
      nodeEnv: 'development',
      logLevel: 'log',
      documentMaxBytes: 10_485_760,
    }));

  it('reads every variable', () =>
    expect(
      parse({
        PORT: '8080',
        HOST: '0.0.0.0',
        DATABASE_URL: 'postgres://app@db:5432/coe',
        DATA_DIR: '/var/lib/coe',
        KAFKA_BROKERS: 'k1:9092, k2:9092',
        KAFKA_TOPIC_PREFIX: 'staging',
        KAFKA_PARTITIONS: '12',
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        JWT_SECRET: 's3cret',
        JWT_JWKS_URL: 'https://idp.example.org/.well-known/jwks.json',
        JWT_ISSUER: 'https://idp.example.org/',
        JWT_AUDIENCE: 'coe-ledger',
        NODE_ENV: 'production',
        LOG_LEVEL: 'debug',
        DOCUMENT_MAX_BYTES: '2048',
      }),
    ).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://app@db:5432/coe',
      dataDir: '/var/lib/coe',
      kafka: {
        brokers: ['k1:9092', 'k2:9092'],
        topicPrefix: 'staging',
        partitions: 12,
        sessionTimeoutMs: 6000,
      },
      jwt: {
        secret: 's3cret',
        publicKey: undefined,
        jwksUrl: 'https://idp.example.org/.well-known/jwks.json',
        issuer: 'https://idp.example.org/',
        audience: 'coe-ledger',
      },
      nodeEnv: 'production',
      logLevel: 'debug',
      documentMaxBytes: 2048,
    }));

  it('reads the OpenID Connect provider the console signs in through, scope openid unless told', () => {
    expect(
      parse({ OIDC_ISSUER_URL: 'https://idp.example.org/realms/un', OIDC_CLIENT_ID: 'coe-console' }).oidc,
    ).toEqual({ issuerUrl: 'https://idp.example.org/realms/un', clientId: 'coe-console', scope: 'openid' });
    expect(
      parse({
        OIDC_ISSUER_URL: 'https://idp.example.org/',
        OIDC_CLIENT_ID: 'coe-console',
        OIDC_SCOPE: 'openid profile',
        OIDC_RESOURCE: 'urn:coe-ledger',
      }).oidc,
    ).toEqual({
      issuerUrl: 'https://idp.example.org/',
      clientId: 'coe-console',
      scope: 'openid profile',
      resource: 'urn:coe-ledger',
    });
    expect(parse({}).oidc).toBeUndefined();
  });

  it('refuses an OIDC issuer without a client id, or one that is not a URL', () => {
    expect(problemsOf({ OIDC_ISSUER_URL: 'https://idp.example.org/' })).toEqual([
      'OIDC_ISSUER_URL and OIDC_CLIENT_ID: set both (the console signs in with them) or neither',
    ]);
    expect(problemsOf({ OIDC_ISSUER_URL: 'idp.example.org', OIDC_CLIENT_ID: 'coe-console' })).toEqual([
      'OIDC_ISSUER_URL: must be a URL starting with https:// or http://',
    ]);
  });

  it('treats empty values as unset, as a compose file writes them', () =>
    expect(parse({ PORT: '', DATABASE_URL: ' ', KAFKA_BROKERS: '' })).toMatchObject({
      port: 3002,
      databaseUrl: undefined,
      kafka: { brokers: [] },
    }));

  it('accepts LOG_LEVEL=info as Nest\'s "log"', () =>
    expect(parse({ LOG_LEVEL: 'info' }).logLevel).toBe('log'));

  it('accepts a PEM public key', () =>
    expect(
      parse({ JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nMFk=\n-----END PUBLIC KEY-----' }).jwt.publicKey,
    ).toContain('BEGIN PUBLIC KEY'));

  it('lists every problem at once, naming each variable', () =>
    expect(
      problemsOf({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://db/coe',
        KAFKA_BROKERS: 'k1:9092,nonsense',
        KAFKA_PARTITIONS: '0',
        KAFKA_TOPIC_PREFIX: 'has space',
        JWT_PUBLIC_KEY: 'not a pem',
        JWT_JWKS_URL: 'ftp://idp/jwks',
        NODE_ENV: 'staging',
        LOG_LEVEL: 'loud',
      })
        .map((problem) => problem.split(':')[0])
        .sort(),
    ).toEqual([
      'DATABASE_URL',
      'JWT_JWKS_URL',
      'JWT_PUBLIC_KEY',
      'KAFKA_BROKERS',
      'KAFKA_PARTITIONS',
      'KAFKA_TOPIC_PREFIX',
      'LOG_LEVEL',
      'NODE_ENV',
      'PORT',
    ]));

  it('rejects a port out of range', () =>
    expect(problemsOf({ PORT: '70000' })).toEqual([expect.stringMatching(/^PORT:/)]));

  it('refuses production without any JWT key', () =>
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringContaining('NODE_ENV=production')]));

  it('puts every problem in the error message', () =>
    expect(() => parse({ PORT: 'x', NODE_ENV: 'y' })).toThrow(/PORT:[\s\S]*NODE_ENV:/));
});

describe('enabledLogLevels', () => {
  it('enables the named level and every more severe one', () =>
    expect(enabledLogLevels('warn')).toEqual(['fatal', 'error', 'warn']));
});
