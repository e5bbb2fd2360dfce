/**
 * Files named on the command line, with the usual convention that `-` is standard input (for a
 * file read) or standard output (for a file written).
 */
import { CliError } from './output.js';

/** The whole of FILE, or of standard input for `-`. */
export async function readInput(file: string): Promise<Buffer> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks);
  }
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new CliError(`cannot read ${file}: ${why}`);
  }
}

/** Writes BODY to OUT, or to standard output for `-`. */
export async function writeOutput(out: string, body: Buffer | string): Promise<void> {
  if (out === '-') {
    await new Promise<void>((resolve, reject) => process.stdout.write(body, (err) => (err ? reject(err) : resolve())));
    return;
  }
  const { writeFile } = await import('node:fs/promises');
  try {
    await writeFile(out, body);
  } catch (err) {
    throw new CliError(`cannot write ${out}: ${(err as Error).message}`);
  }
}
