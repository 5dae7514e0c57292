// `COPY (...) TO STDOUT` through pg without pg-copy-streams: a Submittable that sends the statement with
// the simple query protocol and counts the rows of the CopyData messages pg's Client hands to the active
// query (handleCopyData, handleCommandComplete, handleReadyForQuery, handleError: see pg/lib/client.js).
import type { Connection, PoolClient, Submittable } from 'pg';

const NEWLINE = 0x0a;

/** Text-format COPY escapes newlines inside values, so every newline ends one row. */
export const countNewlines = (chunk: Buffer): number => {
  let count = 0;
  for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) count++;
  return count;
};

class CopyOutCount implements Submittable {
  rows = 0;
  bytes = 0;
  private error: Error | null = null;
  readonly done: Promise<{ rows: number; bytes: number }>;
  private settle!: { resolve: (r: { rows: number; bytes: number }) => void; reject: (e: Error) => void };

  constructor(private readonly text: string) {
    this.done = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  handleCopyData(message: { chunk: Buffer }): void {
    this.rows += countNewlines(message.chunk);
    this.bytes += message.chunk.length;
  }

  handleCommandComplete(): void {}

  handleEmptyQuery(): void {}

  handleRowDescription(): void {}

  handleDataRow(): void {}

  handleError(error: Error): void {
    this.error = error;
  }

  handleReadyForQuery(): void {
    if (this.error) this.settle.reject(this.error);
    else this.settle.resolve({ rows: this.rows, bytes: this.bytes });
  }
}

/** Runs `COPY (<query>) TO STDOUT` on the client and resolves to the number of rows received. */
export const copyOut = async (
  client: PoolClient,
  query: string,
): Promise<{ rows: number; bytes: number }> => {
  const copy = client.query(new CopyOutCount(`copy (${query}) to stdout`));
  return copy.done;
};
