#!/usr/bin/env node
// `npm run token -- --role <role> [--role <role2>] [--contributor ISO3] [--sub NAME] [--ttl 8h] [--create-secret]`
// Prints an HS256 token on stdout, signed with JWT_SECRET or, without any key configured, the
// development secret under DATA_DIR (default ./data): the same key the server resolves
// (libs/platform/src/jwt-keys.ts). Says on stderr which secret it used; where there is none it stops
// rather than create a secret no server knows, unless --create-secret asks for one (then a server
// started later with the same DATA_DIR uses it). Never prints the secret. JWT_ISSUER and JWT_AUDIENCE,
// when set, become the token's iss and aud.
import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { access, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

// As libs/platform/src/roles.ts; a script run without a compile step cannot import it.
const ROLES = ['mou-clerk', 'finance-officer', 'auditor', 'contributor-representative', 'admin'];
const DEV_JWT_SECRET_FILE = 'dev-jwt-secret';

const USAGE = `Usage: npm run token -- --role <role> [--role <role2>] [--contributor ISO3] [--sub NAME] [--ttl 8h] [--create-secret]
Roles: ${ROLES.join(', ')}
Signs with JWT_SECRET or, without it, the development secret under DATA_DIR (default ./data): run it with
the DATA_DIR and JWT_SECRET of the server, e.g. DATA_DIR=/srv/coe npm run -s token -- --role admin.
--create-secret creates the development secret when there is none yet.`;

const fail = (message) => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};

const env = (name) => {
  const value = process.env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

const exists = (path) =>
  access(path).then(
    () => true,
    () => false,
  );

const where = (dataDir) =>
  env('DATA_DIR') === undefined
    ? `DATA_DIR not set: the default ./data in ${process.cwd()}`
    : `DATA_DIR=${dataDir}`;

// Same steps as readOrCreateDevJwtSecret: create under a temporary name, link into place, read back.
const devSecret = async (dataDir, create) => {
  const directory = resolve(dataDir);
  const path = join(directory, DEV_JWT_SECRET_FILE);
  if (!(await exists(path))) {
    if (!create) {
      fail(
        `No development secret at ${path} (${where(dataDir)}), so no server would accept a token signed here.\n` +
          'Start the server first (npm start creates it), run this with the DATA_DIR (or JWT_SECRET) the server uses, ' +
          'or pass --create-secret to create the secret now for a server you start later with this DATA_DIR.',
      );
    }
    await mkdir(directory, { recursive: true });
    const temporary = join(directory, `.${DEV_JWT_SECRET_FILE}.${process.pid}.${Date.now()}`);
    await writeFile(temporary, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      await link(temporary, path);
      process.stderr.write(`Created the development secret ${path}\n`);
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    } finally {
      await rm(temporary, { force: true });
    }
  }
  const secret = (await readFile(path, 'utf8')).trim();
  if (secret.length < 32) fail(`${path} holds no usable secret: delete it to get a new one`);
  process.stderr.write(`Signed with the development secret ${path} (${where(dataDir)})\n`);
  return secret;
};

const signingSecret = async (create) => {
  const secret = env('JWT_SECRET');
  if (secret !== undefined) {
    process.stderr.write('Signed with JWT_SECRET\n');
    return secret;
  }
  if (env('JWT_PUBLIC_KEY') || env('JWT_JWKS_URL')) {
    fail(
      'JWT_PUBLIC_KEY or JWT_JWKS_URL is set without JWT_SECRET: tokens come from your identity provider.',
    );
  }
  if (env('NODE_ENV') === 'production') fail('NODE_ENV=production needs JWT_SECRET to mint a token.');
  return devSecret(env('DATA_DIR') ?? './data', create);
};

const main = async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string', multiple: true },
        contributor: { type: 'string' },
        sub: { type: 'string' },
        ttl: { type: 'string' },
        'create-secret': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`${error.message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const roles = [...new Set(values.role ?? [])];
  if (roles.length === 0) fail(`At least one --role is needed.\n${USAGE}`);
  const unknown = roles.filter((role) => !ROLES.includes(role));
  if (unknown.length > 0) fail(`Unknown role ${unknown.join(', ')}. Roles: ${ROLES.join(', ')}`);
  const contributor = values.contributor;
  if (contributor !== undefined && !/^[A-Z]{3}$/.test(contributor)) {
    fail('--contributor must be an ISO 3166-1 alpha-3 code in capitals, e.g. BGD');
  }
  if (roles.includes('contributor-representative') && contributor === undefined) {
    fail('The contributor-representative role needs --contributor ISO3');
  }
  const ttl = values.ttl ?? '8h';
  if (!/^\d+ ?(s|sec|secs|m|min|mins|h|hr|hrs|d|day|days)$/.test(ttl))
    fail('--ttl is e.g. 90s, 30m, 8h or 2d');
  const sub = values.sub ?? roles[0];
  if (sub.trim() === '') fail('--sub must not be empty');

  const secret = await signingSecret(values['create-secret'] === true);
  const builder = new SignJWT({ roles, ...(contributor !== undefined && { contributor }) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(ttl);
  const issuer = env('JWT_ISSUER');
  const audience = env('JWT_AUDIENCE');
  if (issuer !== undefined) builder.setIssuer(issuer);
  if (audience !== undefined) builder.setAudience(audience);
  process.stdout.write(`${await builder.sign(new TextEncoder().encode(secret))}\n`);
};

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
