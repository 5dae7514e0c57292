import type { LogLevel } from '@nestjs/common';

export type NodeEnv = 'development' | 'production' | 'test';

/** The environment every process reads, parsed once at boot. */
export type PlatformConfig = {
  port: number;
  host: string;
  /** Absent: the embedded PGlite database under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  kafka: {
    /** Empty: no Kafka (single-process mode delivers events in-process). */
    brokers: string[];
    topicPrefix: string;
    partitions: number;
    /**
     * How long the group coordinator waits for a silent consumer before giving its partitions to another
     * instance (`KAFKA_SESSION_TIMEOUT_MS`): the takeover time after an instance dies. Default 10000.
     */
    sessionTimeoutMs?: number;
  };
  jwt: {
    secret?: string;
    publicKey?: string;
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
  };
  /** The OpenID Connect provider the console signs in through; absent: no OIDC sign-in offered. */
  oidc?: OidcConfig;
  nodeEnv: NodeEnv;
  logLevel: LogLevel;
  /** The largest document `POST /v1/documents` stores (`DOCUMENT_MAX_BYTES`, default 10 MiB). */
  documentMaxBytes: number;
};

/**
 * What the console needs to sign in through an OpenID Connect provider (authorization code with PKCE,
 * a public client): the issuer it discovers, its client id, the scope and, for a provider that issues
 * JWT access tokens per resource (RFC 8707), the resource indicator to ask for.
 */
export type OidcConfig = { issuerUrl: string; clientId: string; scope: string; resource?: string };

export type ParseConfigOptions = {
  /** The port used when `PORT` is not set (each service has its own, see CONTRACT.md section 1). */
  defaultPort: number;
};

/** Thrown by {@link parseConfig} with every problem found, not only the first. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const DEFAULT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
// a document is held in memory and in one bytea value while stored: keep it well below 1 GB
const MAX_DOCUMENT_MAX_BYTES = 100 * 1024 * 1024;
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const NODE_ENVS: readonly NodeEnv[] = ['development', 'production', 'test'];

/**
 * Parses the process environment into a typed config, or throws a {@link ConfigError} listing every
 * invalid variable. Empty strings count as unset, as `FOO=` in a compose file means "no value".
 */
export const parseConfig = (env: Env, options: ParseConfigOptions): PlatformConfig => {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name}: must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    let protocol: string | undefined;
    try {
      protocol = new URL(raw).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol === undefined || !protocols.includes(protocol)) {
      problems.push(`${name}: must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    }
    return raw;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name}: must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  };

  const brokers = (read('KAFKA_BROKERS') ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  for (const broker of brokers) {
    if (!/^[A-Za-z0-9.\-_]+:\d{1,5}$/.test(broker) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(broker)) {
      problems.push(`KAFKA_BROKERS: "${broker}" is not host:port`);
    }
  }

  const topicPrefix = read('KAFKA_TOPIC_PREFIX') ?? 'coe';
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(topicPrefix)) {
    problems.push(
      'KAFKA_TOPIC_PREFIX: only letters, digits, ".", "_" and "-" are allowed in a Kafka topic name',
    );
  }

  const publicKey = read('JWT_PUBLIC_KEY');
  if (publicKey !== undefined && !publicKey.includes('-----BEGIN')) {
    problems.push('JWT_PUBLIC_KEY: must be a PEM public key (-----BEGIN PUBLIC KEY----- ...)');
  }

  const oidcIssuerUrl = url('OIDC_ISSUER_URL', ['https:', 'http:']);
  const oidcClientId = read('OIDC_CLIENT_ID');
  if ((oidcIssuerUrl === undefined) !== (oidcClientId === undefined)) {
    problems.push('OIDC_ISSUER_URL and OIDC_CLIENT_ID: set both (the console signs in with them) or neither');
  }
  const oidcResource = read('OIDC_RESOURCE');

  const config: PlatformConfig = {
    port: integer('PORT', options.defaultPort, 0, 65535),
    host: read('HOST') ?? '127.0.0.1',
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: read('DATA_DIR') ?? './data',
    kafka: {
      brokers,
      topicPrefix,
      partitions: integer('KAFKA_PARTITIONS', 6, 1, 1000),
      // the broker refuses less than its group.min.session.timeout.ms (6000 by default)
      sessionTimeoutMs: integer('KAFKA_SESSION_TIMEOUT_MS', 10_000, 1000, 3_600_000),
    },
    jwt: {
      secret: read('JWT_SECRET'),
      publicKey,
      jwksUrl: url('JWT_JWKS_URL', ['https:', 'http:']),
      issuer: read('JWT_ISSUER'),
      audience: read('JWT_AUDIENCE'),
    },
    ...(oidcIssuerUrl !== undefined &&
      oidcClientId !== undefined && {
        oidc: {
          issuerUrl: oidcIssuerUrl,
          clientId: oidcClientId,
          scope: read('OIDC_SCOPE') ?? 'openid',
          ...(oidcResource !== undefined && { resource: oidcResource }),
        },
      }),
    nodeEnv: oneOf('NODE_ENV', NODE_ENVS, 'development'),
    // LOG_LEVEL=info is what most tools call Nest's "log" level.
    logLevel: read('LOG_LEVEL') === 'info' ? 'log' : oneOf('LOG_LEVEL', LOG_LEVELS, 'log'),
    documentMaxBytes: integer('DOCUMENT_MAX_BYTES', DEFAULT_DOCUMENT_MAX_BYTES, 1, MAX_DOCUMENT_MAX_BYTES),
  };

  const { secret, jwksUrl } = config.jwt;
  if (config.nodeEnv === 'production' && !secret && !publicKey && !jwksUrl) {
    problems.push('JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL: one is required when NODE_ENV=production');
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
};

/** {@link parseConfig} over `process.env`. */
export const loadConfig = (options: ParseConfigOptions): PlatformConfig => parseConfig(process.env, options);

/** Nest's logger takes the list of enabled levels; LOG_LEVEL names the most verbose one. */
export const enabledLogLevels = (level: LogLevel): LogLevel[] =>
  LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
