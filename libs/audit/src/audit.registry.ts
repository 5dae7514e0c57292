import { Injectable } from '@nestjs/common';

/** How an auditor's "state as of" folds one kind of stream; a service registers each of its aggregates. */
export type AuditedAggregate = {
  /** Streams whose id starts with this, e.g. `mou-`. */
  streamPrefix: string;
  initialState: () => unknown;
  evolve: (state: never, event: never) => unknown;
};

@Injectable()
export class AuditRegistry {
  private readonly aggregates: AuditedAggregate[] = [];

  register(aggregate: AuditedAggregate): void {
    this.aggregates.push(aggregate);
    // the longest prefix wins (`mou-amendment-` before `mou-`)
    this.aggregates.sort((a, b) => b.streamPrefix.length - a.streamPrefix.length);
  }

  aggregateOf(streamId: string): AuditedAggregate | undefined {
    return this.aggregates.find((a) => streamId.startsWith(a.streamPrefix));
  }
}
