// `node infra/infra.mjs up|down|env|status|jars`: the command line over infra.mjs's public API.

/** Runs one command over the public API `api` (infra.mjs's exports); resolves to the exit code. */
export async function main(argv, { up, down, env, status, kafkaJars, envLines }) {
  const cmd = argv[0] || 'up';
  switch (cmd) {
    case 'up': {
      const t0 = Date.now();
      await up({ print: true });
      process.stderr.write(`[infra] up in ${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
      return 0;
    }
    case 'down':
      await down();
      return 0;
    case 'env':
      process.stdout.write(envLines(env()));
      return 0;
    case 'status':
      process.stdout.write(`${JSON.stringify(await status(), null, 2)}\n`);
      return 0;
    case 'jars':
      process.stdout.write(`${await kafkaJars()}\n`);
      return 0;
    default:
      process.stderr.write('usage: node infra/infra.mjs up|down|env|status|jars\n');
      return 2;
  }
}
