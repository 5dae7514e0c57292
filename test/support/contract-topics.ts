import { CONTRACT_SHAPES, contractProblems, SERVICES, sourceFor } from '@coe/contracts';
import { serviceSchema } from '@coe/messaging';
import type { Pool } from 'pg';
import { readTopic, testBrokers } from './kafka';

export type ContractTopics = {
  /** Per service: events of its contract in its store, and distinct events read from its topic. */
  counts: Record<string, { stored: number; published: number; privateStored: number }>;
  /** Every message that is not one of its service's contract events in its contract's shape. */
  problems: string[];
};

/**
 * Reads each service's topic from the beginning and checks every message against the contract maps
 * (libs/contracts): a type the service publishes, the data in that type's shape, the service as source.
 */
export const readContractTopics = async (
  pool: Pool,
  schemaPrefix: string,
  topicPrefix: string,
): Promise<ContractTopics> => {
  const counts: ContractTopics['counts'] = {};
  const problems: string[] = [];
  for (const service of SERVICES) {
    const { rows } = await pool.query<{ contract: number; private: number }>(
      `select count(*) filter (where event_type = any($1))::int as contract,
              count(*) filter (where not event_type = any($1))::int as private
         from ${serviceSchema(service, schemaPrefix)}.events`,
      [Object.keys(CONTRACT_SHAPES[service])],
    );
    const stored = rows[0]!.contract;
    const messages = await readTopic(
      testBrokers(),
      `${topicPrefix}.${service}.events`,
      stored,
      // nothing expected: read a moment, so a message that should not be there still shows
      stored === 0 ? 5_000 : 30_000,
      'distinct ids',
    );
    for (const message of messages) {
      const type = message.headersText.ce_type ?? '(no ce_type)';
      const data: unknown = JSON.parse(message.value?.toString() ?? 'null');
      problems.push(...contractProblems(service, type, data).map((p) => `${service}: ${p}`));
      if (message.headersText.ce_source !== sourceFor(service))
        problems.push(`${service}: ${type} has source ${message.headersText.ce_source}`);
    }
    const published = new Set(messages.map((m) => m.headersText.ce_id)).size;
    counts[service] = { stored, published, privateStored: rows[0]!.private };
  }
  return { counts, problems };
};
