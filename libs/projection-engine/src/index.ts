// The projection engine: versions of read models, rebuilds, replays, the switch, lag and batch apply.
// It knows no business word; the service that owns the read models gives them to it.
export * from './projection.batch';
export * from './projection.checksum';
export * from './projection.compare';
export * from './projection.consumers';
export * from './projection.context';
export * from './projection.definition';
export * from './projection.errors';
export * from './projection.handler';
export * from './projection.known-at';
export * from './projection.lag';
export * from './projection.migrations';
export * from './projection.monitoring';
export * from './projection.period-sums';
export * from './projection.known-period-sums';
export * from './projection.periodic';
export * from './projection.position';
export * from './projection.rebuilds';
export * from './projection.replay-check';
export * from './projection.replays';
export * from './projection.status';
export * from './projection.switch';
export * from './projection.versions';
export * from './projections.boot';
export * from './transaction';
