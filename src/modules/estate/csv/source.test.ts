import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openSource } from './source.js';

/** A file as an upload arrives: a stream of buffers. */
function file(text: string): AsyncIterable<Buffer> {
  return Readable.from([Buffer.from(text)]);
}

describe('openSource', () => {
  it('hands malformed CSV to the reader as an error, however late the reader comes', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown): void => void uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const source = await openSource(file('Name,Notes\nA,"never closed\nB,x\n'), {});
      // The parser reaches the end of the file before anyone reads a row.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const read = async (): Promise<string[][]> => {
        const rows: string[][] = [];
        for await (const r of source!.rows) rows.push(r.cells);
        return rows;
      };
      await expect(read()).rejects.toMatchObject({ code: 'CSV_QUOTE_NOT_CLOSED' });
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('reads a well-formed file after a pause the same', async () => {
    const source = await openSource(file('Name;Cost\nA;"1,5"\n'), {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    const rows: string[][] = [];
    for await (const r of source!.rows) rows.push(r.cells);
    expect(source!.info).toMatchObject({ format: 'csv', delimiter: ';', encoding: 'UTF-8' });
    expect(rows).toEqual([['Name', 'Cost'], ['A', '1,5']]);
  });
});
