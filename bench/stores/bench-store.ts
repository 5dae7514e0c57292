/** What a workload does to a store: the same operations for ours, Emmett's and the raw-SQL baseline. */
export type BenchStore = {
  /** Appends (or inserts) one event to the stream; resolves to 1. */
  appendOne(stream: string, line: number): Promise<number>;
  /** Appends (or inserts) `size` events in one transaction; resolves to `size`. */
  appendBatch(stream: string, size: number): Promise<number>;
  /** Reads every stored event in global order; resolves to how many. */
  readAll(): Promise<number>;
  /** VACUUM ANALYZE of the events table after a bulk load, so every reader starts from fresh statistics. */
  vacuum?(): Promise<void>;
  /** Drops what the store created (schema or database) and closes its pools. */
  close(): Promise<void>;
};
