import { Injectable } from '@nestjs/common';
import type { Actor } from './actor';

/**
 * Whether the actor may read an event that names the document. Each service that attaches documents
 * to its events registers one, answering from its own read tables (a contributor representative only
 * for events about their own contributor).
 */
export type DocumentReader = (sha256: string, actor: Actor) => Promise<boolean>;

/** The readers of this process's services: one in the distributed mode, every one in a single process. */
@Injectable()
export class DocumentReaders {
  private readonly readers: DocumentReader[] = [];

  register(reader: DocumentReader): void {
    this.readers.push(reader);
  }

  async mayRead(sha256: string, actor: Actor): Promise<boolean> {
    for (const reader of this.readers) {
      if (await reader(sha256, actor)) return true;
    }
    return false;
  }
}
