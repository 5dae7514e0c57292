/** The services that own events; each publishes to one topic. */
export const SERVICES = ['force-generation', 'mou-negotiation', 'reimbursement'] as const;
export type ServiceName = (typeof SERVICES)[number] | 'projections';

/** `<prefix>.<service>.events`, e.g. `coe.mou-negotiation.events` (CONTRACT.md section 6). */
export const topicFor = (prefix: string, service: ServiceName): string => `${prefix}.${service}.events`;

/** `/coe/<service>`: the CloudEvents source of a service's events. */
export const sourceFor = (service: ServiceName): string => `/coe/${service}`;

/** Kafka headers of every published event (CloudEvents 1.0 Kafka binding, binary content mode). */
export const HEADERS = {
  specVersion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  subject: 'ce_subject',
  contentType: 'content-type',
  streamVersion: 'coe_streamversion',
  globalPosition: 'coe_globalposition',
  transactionId: 'coe_transactionid',
  effectiveOn: 'coe_effectiveon',
  hash: 'coe_hash',
} as const;
