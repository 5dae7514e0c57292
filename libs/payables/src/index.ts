// The one rule of credits over reimbursement's payables, shared by reimbursement and projections.
export * from './payables.credits';
