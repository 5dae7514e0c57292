// append-1-writer, append-8-writers, append-batch-100: raw INSERTs, our store and Emmett's, each with its
// own pool of `writers` connections, measured in alternating rounds.
import { resultOf } from '../bench-results';
import { interleavedRounds, throughput, type SlicedSubject } from '../measure';
import type { BenchStore } from '../stores/bench-store';
import { openEmmettStore } from '../stores/emmett';
import { openOurStore } from '../stores/ours';
import { openRawTable } from '../stores/raw';
import { freshStream, rotatingStream } from '../stores/sample-events';
import { formatRate, type BenchContext, type Workload } from './workload';

type AppendSpec = {
  id: string;
  name: string;
  baseline: string;
  writers: number;
  /** Events per append: 1 = single-event appends to rotating streams, n = one fresh stream per append. */
  batch: number;
};

const appendOp = (store: BenchStore, spec: AppendSpec, tag: string) =>
  spec.batch === 1
    ? (writer: number, i: number) => store.appendOne(rotatingStream(writer, i), i)
    : (writer: number, i: number) => store.appendBatch(freshStream(writer, i, tag), spec.batch);

const appendWorkload = (spec: AppendSpec): Workload => ({
  id: spec.id,
  async run({ databaseUrl, settings, log }: BenchContext) {
    const stores: BenchStore[] = [];
    try {
      const raw = await openRawTable(databaseUrl, spec.writers);
      stores.push(raw);
      const ours = await openOurStore(databaseUrl, spec.writers);
      stores.push(ours);
      const emmett = await openEmmettStore(databaseUrl, spec.writers);
      stores.push(emmett);
      let call = 0;
      const run = (store: BenchStore, ms: number) =>
        throughput(spec.writers, ms, appendOp(store, spec, `${call++}`));
      const entries: [string, BenchStore][] = [
        [spec.baseline, raw],
        [spec.name, ours],
        ['emmett', emmett],
      ];
      for (const [, store] of entries) await run(store, settings.warmupMs);
      const subjects: SlicedSubject[] = entries.map(([name, store]) => ({
        name,
        run: (ms) => run(store, ms),
      }));
      const samples = await interleavedRounds(
        subjects,
        settings.rounds,
        settings.slices,
        settings.durationMs / settings.slices,
        (name, round, rate) => log(`${spec.name} round ${round + 1}: ${name} ${formatRate(rate)}`),
      );
      return [
        resultOf({
          name: spec.name,
          unit: 'events/s',
          baseline: spec.baseline,
          samples: samples.get(spec.name)!,
          baselineSamples: samples.get(spec.baseline)!,
        }),
        resultOf({
          name: `emmett:${spec.name}`,
          unit: 'events/s',
          baseline: spec.name,
          samples: samples.get('emmett')!,
          baselineSamples: samples.get(spec.name)!,
        }),
      ];
    } finally {
      for (const store of stores.reverse()) await store.close();
    }
  },
});

export const appendWorkloads: Workload[] = [
  appendWorkload({
    id: 'append-1',
    name: 'append-1-writer',
    baseline: 'raw-insert-1-client',
    writers: 1,
    batch: 1,
  }),
  appendWorkload({
    id: 'append-8',
    name: 'append-8-writers',
    baseline: 'raw-insert-8-clients',
    writers: 8,
    batch: 1,
  }),
  appendWorkload({
    id: 'batch-100',
    name: 'append-batch-100',
    baseline: 'raw-insert-batch-100',
    writers: 2,
    batch: 100,
  }),
];
