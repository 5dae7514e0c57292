// read-all: the whole events table in global order, 1000 events a page, after a prefill; baseline COPY of
// the same table in the same order; Emmett's messages table through its readMessagesBatch.
import { settleDatabase } from '../bench-infra';
import { resultOf } from '../bench-results';
import { rounds, timed, type Subject } from '../measure';
import type { BenchStore } from '../stores/bench-store';
import { openEmmettStore } from '../stores/emmett';
import { openOurStore } from '../stores/ours';
import { openRawTable } from '../stores/raw';
import { prefill, readUntilComplete } from './prefill';
import { formatRate, type BenchContext, type Workload } from './workload';

export const readAllWorkload: Workload = {
  id: 'read-all',
  async run({ databaseUrl, settings, log }: BenchContext) {
    const total = settings.readEvents;
    const stores: BenchStore[] = [];
    try {
      const ours = await openOurStore(databaseUrl, 2);
      stores.push(ours);
      const copy = await openRawTable(databaseUrl, 1, { schema: ours.schema });
      stores.push(copy);
      const emmett = await openEmmettStore(databaseUrl, 2);
      stores.push(emmett);
      const started = Date.now();
      await Promise.all([prefill(ours, total), prefill(emmett, total)]);
      await ours.vacuum?.();
      await emmett.vacuum?.();
      // the prefill and VACUUM leave the buffers dirty: without this the first readers write them out (a
      // first pass over the 200,000 events wrote 85 MB), on their clock
      await settleDatabase(databaseUrl, log);
      log(
        `read-all: prefilled ${total} events in each store in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      const entries: [string, BenchStore][] = [
        ['copy-to-stdout', copy],
        ['read-all', ours],
        ['emmett', emmett],
      ];
      // the warm-up: each reader once, until every event is visible
      for (const [, store] of entries) await readUntilComplete(store, total);
      const subjects: Subject[] = entries.map(([name, store]) => ({
        name,
        async measure() {
          const { rate, units } = await timed(() => store.readAll());
          if (units !== total) throw new Error(`${name} read ${units} events, expected ${total}`);
          return rate;
        },
      }));
      const samples = await rounds(subjects, settings.rounds, (name, round, rate) =>
        log(`read-all round ${round + 1}: ${name} ${formatRate(rate)}`),
      );
      return [
        resultOf({
          name: 'read-all',
          unit: 'events/s',
          baseline: 'copy-to-stdout',
          samples: samples.get('read-all')!,
          baselineSamples: samples.get('copy-to-stdout')!,
        }),
        resultOf({
          name: 'emmett:read-all',
          unit: 'events/s',
          baseline: 'read-all',
          samples: samples.get('emmett')!,
          baselineSamples: samples.get('read-all')!,
        }),
      ];
    } finally {
      for (const store of stores.reverse()) await store.close();
    }
  },
};
