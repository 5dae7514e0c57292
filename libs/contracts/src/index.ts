export * from './topics';
export * from './integration-event';
export * from './force-generation.events';
export * from './mou-negotiation.events';
export * from './reimbursement.events';
export * from './contract-events';
export * from './coe-codes';
export * from './documents';
