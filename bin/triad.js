#!/usr/bin/env node
// The `triad` command: a thin launcher for the compiled CLI in dist/ (built by `npm run build`).
let cli;
try {
  cli = await import('../dist/src/cli/main.js');
} catch (err) {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/src/cli/main.js')) {
    process.stderr.write('triad: the CLI is not built yet; run `npm run build` first.\n');
    process.exit(1);
  }
  throw err;
}
process.exitCode = await cli.main(process.argv);
