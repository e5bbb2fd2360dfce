import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function readVersion(): string {
  for (const p of ['../../package.json', '../../../package.json']) {
    try {
      return (require(p) as { version: string }).version;
    } catch {
      // try the next location (source tree or dist/)
    }
  }
  return '0.0.0';
}

/** Triad's version, from package.json. */
export const VERSION = readVersion();
