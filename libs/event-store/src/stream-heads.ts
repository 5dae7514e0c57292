/** The last event of a stream: its version and hash (version 0, hash null: the stream has no events). */
export type StreamHead = { version: bigint; hash: string | null };

export const EMPTY_STREAM: StreamHead = { version: 0n, hash: null };

/**
 * What this process last saw committed at the head of recently used streams, so an append can chain its
 * hashes without reading the stream first. Only a hint: the insert checks, in the same statement, that the
 * predecessor it names exists with that hash and that the next version is free, so a stale entry (another
 * instance appended) costs a re-read, never a wrong chain. The streams least recently appended to or read
 * are dropped first.
 */
export class StreamHeads {
  private readonly heads = new Map<string, StreamHead>();

  constructor(private readonly capacity = 10_000) {}

  get(streamId: string): StreamHead | undefined {
    return this.heads.get(streamId);
  }

  set(streamId: string, head: StreamHead): void {
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value as string);
  }

  forget(streamId: string): void {
    this.heads.delete(streamId);
  }

  get size(): number {
    return this.heads.size;
  }
}

/**
 * The heads seen inside one transaction: they may include the transaction's own uncommitted events, so
 * they reach the shared cache only when the caller reports the commit.
 */
export class TransactionHeads {
  private readonly staged = new Map<string, StreamHead | null>();

  constructor(private readonly shared: HeadCache) {}

  get(streamId: string): StreamHead | undefined {
    const staged = this.staged.get(streamId);
    if (staged === null) return undefined;
    return staged ?? this.shared.get(streamId);
  }

  set(streamId: string, head: StreamHead): void {
    this.staged.set(streamId, head);
  }

  forget(streamId: string): void {
    this.staged.set(streamId, null);
    this.shared.forget(streamId);
  }

  committed(): void {
    for (const [streamId, head] of this.staged) {
      if (head) this.shared.set(streamId, head);
    }
    this.staged.clear();
  }
}

export type HeadCache = Pick<StreamHeads, 'get' | 'set' | 'forget'>;
