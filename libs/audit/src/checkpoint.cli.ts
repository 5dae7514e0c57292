import { readFileSync } from 'node:fs';
import { loadConfig } from '@coe/platform';
import { openAuditDatabase, toStderr } from './audit-database';
import { sealCheckpoint, signingKey } from './checkpoint';

// `npm run audit:checkpoint > checkpoint.json`: seals the history of every event store in the database
// (DATABASE_URL, or DATA_DIR) and prints the signed checkpoint. The Ed25519 key (PKCS#8 PEM) comes from
// AUDIT_SIGNING_KEY or the file AUDIT_SIGNING_KEY_FILE, never from the database. Format: docs/audit-checkpoints.md.

const main = async (): Promise<number> => {
  const pem =
    process.env.AUDIT_SIGNING_KEY ??
    (process.env.AUDIT_SIGNING_KEY_FILE ? readFileSync(process.env.AUDIT_SIGNING_KEY_FILE, 'utf8') : null);
  if (!pem) {
    console.error('audit:checkpoint: set AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY_FILE (Ed25519, PKCS#8 PEM)');
    return 2;
  }
  const key = signingKey(pem);
  const config = loadConfig({ defaultPort: 0 });
  const database = await openAuditDatabase(config, toStderr);
  try {
    process.stdout.write(
      `${JSON.stringify(await sealCheckpoint(database.pool, key, new Date()), null, 2)}\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
};

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`audit:checkpoint: could not seal: ${error.message}`);
      process.exit(2);
    },
  );
}
