import type { ForceGenerationEvents } from './force-generation.events';
import type { IntegrationEvent } from './integration-event';
import type { MouNegotiationEvents } from './mou-negotiation.events';
import type { ReimbursementEvents } from './reimbursement.events';

/** The published events of each service that publishes: type → data. Everything else stays inside. */
export type ContractEvents = {
  'force-generation': ForceGenerationEvents;
  'mou-negotiation': MouNegotiationEvents;
  reimbursement: ReimbursementEvents;
};
export type PublishingService = keyof ContractEvents;
export type ContractType<S extends PublishingService> = keyof ContractEvents[S] & string;

/** An integration event of `service`'s contract, its data typed by its type. */
export type ContractEvent<S extends PublishingService, T extends ContractType<S> = ContractType<S>> = {
  [K in T]: IntegrationEvent<K, ContractEvents[S][K]>;
}[T];

/** The fields of one published event: those always present, and those that may be absent. */
export type ContractShape = { required: readonly string[]; optional: readonly string[] };

type Missing<T, Listed> = Exclude<keyof T, Listed>;

/**
 * The runtime shape of event data `T`; it compiles only when the lists name every field of `T` and no other,
 * so the lists cannot drift from the types.
 */
const shape =
  <T>() =>
  <const R extends readonly (keyof T & string)[], const O extends readonly (keyof T & string)[] = []>(
    required: R,
    ...optional: [Missing<T, R[number] | O[number]>] extends [never] ? [O?] : [O, 'lists a field short']
  ): ContractShape => ({ required, optional: optional[0] ?? [] });

type Shapes = { [S in PublishingService]: { [T in ContractType<S>]: ContractShape } };

export const CONTRACT_SHAPES: Shapes = {
  'force-generation': {
    UnitSelected: shape<ForceGenerationEvents['UnitSelected']>()([
      'unitId',
      'pledgeId',
      'mission',
      'contributor',
      'unitName',
      'unitType',
      'personnel',
      'selectedOn',
    ]),
    UnitDeployed: shape<ForceGenerationEvents['UnitDeployed']>()([
      'unitId',
      'mission',
      'contributor',
      'deployedOn',
    ]),
    UnitRepatriated: shape<ForceGenerationEvents['UnitRepatriated']>()([
      'unitId',
      'mission',
      'contributor',
      'repatriatedOn',
    ]),
  },
  'mou-negotiation': {
    MouDrafted: shape<MouNegotiationEvents['MouDrafted']>()([
      'mouId',
      'mouRef',
      'mission',
      'contributor',
      'unitId',
      'unitName',
      'unitType',
      'personnelCeiling',
      'negotiationOpenedOn',
    ]),
    MouUnitDeployed: shape<MouNegotiationEvents['MouUnitDeployed']>()(['mouId', 'deployedOn']),
    MouUnitRepatriated: shape<MouNegotiationEvents['MouUnitRepatriated']>()(['mouId', 'repatriatedOn']),
    MouSigned: shape<MouNegotiationEvents['MouSigned']>()(['mouId', 'party', 'signedOn'], ['documents']),
    MouEnteredIntoForce: shape<MouNegotiationEvents['MouEnteredIntoForce']>()(['mouId', 'inForceOn']),
    MouTermsInForce: shape<MouNegotiationEvents['MouTermsInForce']>()([
      'mouId',
      'mouRef',
      'mission',
      'contributor',
      'unitId',
      'annexVersion',
      'effectiveOn',
      'personnelCeiling',
      'annexB',
      'annexC',
      'missionFactors',
    ]),
    MouWithdrawn: shape<MouNegotiationEvents['MouWithdrawn']>()(['mouId', 'withdrawnOn', 'reason']),
    MouClosed: shape<MouNegotiationEvents['MouClosed']>()(['mouId', 'closedOn']),
  },
  reimbursement: {
    ClaimCertified: shape<ReimbursementEvents['ClaimCertified']>()(
      ['claimId', 'claimRef', 'mission', 'contributor', 'category', 'period', 'amountUsd', 'certifiedOn'],
      ['lines'],
    ),
    PaymentMade: shape<ReimbursementEvents['PaymentMade']>()([
      'paymentId',
      'paymentRef',
      'mission',
      'contributor',
      'amountUsd',
      'paidOn',
      'paymentRunId',
      'allocations',
    ]),
    AssessmentReceived: shape<ReimbursementEvents['AssessmentReceived']>()(
      ['mission', 'amountUsd', 'receivedOn'],
      ['assessmentRef'],
    ),
    InterMissionLoanMade: shape<ReimbursementEvents['InterMissionLoanMade']>()([
      'loanId',
      'lenderMission',
      'borrowerMission',
      'amountUsd',
      'lentOn',
    ]),
    InterMissionLoanRepaid: shape<ReimbursementEvents['InterMissionLoanRepaid']>()([
      'loanId',
      'amountUsd',
      'repaidOn',
    ]),
    PaymentRunExecuted: shape<ReimbursementEvents['PaymentRunExecuted']>()([
      'runId',
      'quarter',
      'executedOn',
      'availableCashUsd',
      'reserveUsd',
      'paidUsd',
      'paidWithoutPoolUsd',
    ]),
    HostileActionIncidentRecorded: shape<ReimbursementEvents['HostileActionIncidentRecorded']>()([
      'incidentId',
      'incidentRef',
      'mission',
      'contributor',
      'mouId',
      'cause',
      'occurredOn',
      'items',
      'totalGfmvUsd',
      'thresholdUsd',
      'liability',
    ]),
    MissionStatusRecorded: shape<ReimbursementEvents['MissionStatusRecorded']>()([
      'mission',
      'status',
      'effectiveFrom',
    ]),
  },
};

const isPublishing = (service: string): service is PublishingService =>
  Object.hasOwn(CONTRACT_SHAPES, service);

/**
 * What is wrong with a published event of `service` against its contract (empty: nothing): a type the
 * service does not publish, data that is not an object, a missing field, a field the contract lacks.
 */
export const contractProblems = (service: string, type: string, data: unknown): string[] => {
  if (!isPublishing(service)) return [`${service} publishes no events`];
  const shapes: Record<string, ContractShape> = CONTRACT_SHAPES[service];
  const shapeOf = Object.hasOwn(shapes, type) ? shapes[type] : undefined;
  if (!shapeOf) return [`${type} is not in ${service}'s contract`];
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return [`${type}: data is not an object`];
  const known = new Set([...shapeOf.required, ...shapeOf.optional]);
  return [
    ...shapeOf.required.filter((field) => !Object.hasOwn(data, field)).map((field) => `${type}: no ${field}`),
    ...Object.keys(data)
      .filter((field) => !known.has(field))
      .map((field) => `${type}: ${field} is not in the contract`),
  ];
};

/** Whether `type` is one of the events `service` publishes. */
export const isContractType = <S extends PublishingService>(
  service: S,
  type: string,
): type is ContractType<S> => Object.hasOwn(CONTRACT_SHAPES[service], type);
