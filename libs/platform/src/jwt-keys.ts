import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** File name of the development secret, under DATA_DIR; `npm run token` reads the same file. */
export const DEV_JWT_SECRET_FILE = 'dev-jwt-secret';

export const devJwtSecretPath = (dataDir: string): string => resolve(dataDir, DEV_JWT_SECRET_FILE);

/**
 * The development HS256 secret under `dataDir`, created on first use (mode 0600) and reused after, so
 * a token minted with `npm run token` before `npm start` is accepted by it, and the other way round.
 * Created under a temporary name and then linked into place: two processes starting together agree on
 * one secret, and none ever reads a half-written file.
 */
export const readOrCreateDevJwtSecret = async (
  dataDir: string,
): Promise<{ secret: string; path: string; created: boolean }> => {
  const path = devJwtSecretPath(dataDir);
  await mkdir(resolve(dataDir), { recursive: true });
  const temporary = join(resolve(dataDir), `.${DEV_JWT_SECRET_FILE}.${process.pid}.${Date.now()}`);
  await writeFile(temporary, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  let created = false;
  try {
    await link(temporary, path);
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(temporary, { force: true });
  }
  const secret = (await readFile(path, 'utf8')).trim();
  if (secret.length < 32) {
    throw new Error(`${path} holds no usable secret (under 32 characters): delete it to get a new one`);
  }
  return { secret, path, created };
};
