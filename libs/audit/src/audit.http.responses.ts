import { ApiProperty } from '@nestjs/swagger';

// What the audit routes answer. A stream id is `<aggregate>-<id>`: `mou-<uuid>`, `pledge-<uuid>`,
// `claim-<uuid>`, `fund-<MISSION>`, `verification-<mouId>-<YYYY-MM>`, … (docs/api-conventions.md lists them).

const STREAM_ID = {
  example: 'mou-7c9e6679-7425-40de-944b-e07fc1f90ae7',
  description: 'The stream: `<aggregate>-<id>`, e.g. `mou-<mouId>`, `fund-MINUSMA`',
};
const HASH = 'b5d4045c3f466fa91fe2cc6abe79232a1a57cdf104f7a26e716e0a1e2789df78';

export class AuditActorResponse {
  @ApiProperty({ example: 'clerk-1' }) sub!: string;
  @ApiProperty({ example: ['mou-clerk'], type: [String] }) roles!: string[];
}

export class AuditEventResponse {
  @ApiProperty({ example: 'mou-negotiation', description: 'The service whose store holds it' })
  service!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty(STREAM_ID) streamId!: string;
  @ApiProperty({ example: '2', description: 'Position in its stream (a string: 64-bit)' })
  streamVersion!: string;
  @ApiProperty({ example: '1042', description: 'Position in its store (a string: 64-bit)' })
  globalPosition!: string;
  @ApiProperty({ example: 'MouSignedByContributor' }) type!: string;
  @ApiProperty({ example: 1 }) schemaVersion!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { mouId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', signedOn: '2019-06-03' },
    description: 'The event’s data, as recorded',
  })
  data!: Record<string, unknown>;
  @ApiProperty({ nullable: true, example: '2019-06-03', description: 'Business date' }) effectiveOn!:
    | string
    | null;
  @ApiProperty({ example: '2019-06-04T08:12:44.310Z' }) recordedAt!: string;
  @ApiProperty({ type: AuditActorResponse }) actor!: AuditActorResponse;
  @ApiProperty({ nullable: true, format: 'uuid' }) correlationId!: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) causationId!: string | null;
  @ApiProperty({ example: HASH }) hash!: string;
  @ApiProperty({ example: HASH, description: 'The hash of the stream’s event before it' })
  previousHash!: string;
}

export class StreamEventsResponse {
  @ApiProperty(STREAM_ID) streamId!: string;
  @ApiProperty({ example: 'mou-negotiation' }) service!: string;
  @ApiProperty({ type: [AuditEventResponse] }) events!: AuditEventResponse[];
}

export class StreamStateResponse {
  @ApiProperty(STREAM_ID) streamId!: string;
  @ApiProperty({ example: 'mou-negotiation' }) service!: string;
  @ApiProperty({ nullable: true, example: '2019-06-30' }) asOf!: string | null;
  @ApiProperty({ nullable: true, example: '2019-07-01T00:00:00Z' }) knownAt!: string | null;
  @ApiProperty({ example: '2', description: 'The version of the last event counted' }) version!: string;
  @ApiProperty({ example: 2 }) eventsCounted!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { status: 'negotiating', contributorSignedOn: '2019-06-03' },
    description: 'The aggregate’s state, folded from the events counted',
  })
  state!: Record<string, unknown>;
}

export class EventLogPageResponse {
  @ApiProperty({ type: [AuditEventResponse] }) items!: AuditEventResponse[];
  @ApiProperty({
    nullable: true,
    example: 'mou-negotiation:8812.1042',
    description: 'Pass as `after` for the next page; null on the last',
  })
  next!: string | null;
}

export class VerificationScopeResponse {
  @ApiProperty({ nullable: true, example: null }) service!: string | null;
  @ApiProperty({ nullable: true, example: null }) streamId!: string | null;
}

export class ChainBreakResponse {
  @ApiProperty({ example: 'mou-negotiation' }) service!: string;
  @ApiProperty(STREAM_ID) streamId!: string;
  @ApiProperty({ example: '2' }) streamVersion!: string;
  @ApiProperty({
    enum: ['CONTENT_ALTERED', 'HASH_MISMATCH', 'PREVIOUS_HASH_MISMATCH', 'VERSION_GAP'],
    description: 'What is wrong at that event',
  })
  problem!: string;
}

export class VerificationResponse {
  @ApiProperty({ format: 'uuid' }) verificationId!: string;
  @ApiProperty({ enum: ['running', 'intact', 'broken', 'failed'] }) status!: string;
  @ApiProperty({ type: VerificationScopeResponse }) scope!: VerificationScopeResponse;
  @ApiProperty({ example: 'auditor-1' }) requestedBy!: string;
  @ApiProperty({ example: '2019-11-02T10:00:00.000Z' }) startedAt!: string;
  @ApiProperty({ nullable: true, example: '2019-11-02T10:00:04.200Z' }) finishedAt!: string | null;
  @ApiProperty({ example: 52000 }) eventsChecked!: number;
  @ApiProperty({ example: 4100 }) streamsChecked!: number;
  @ApiProperty({ example: 52000, description: 'Counted at the start' }) eventsTotal!: number;
  @ApiProperty({ type: [String], example: ['force-generation', 'mou-negotiation'] }) stores!: string[];
  @ApiProperty({ type: ChainBreakResponse, nullable: true }) firstBreak!: ChainBreakResponse | null;
  @ApiProperty({ nullable: true, example: null }) error!: string | null;
}

export class StreamHeadResponse {
  @ApiProperty(STREAM_ID) streamId!: string;
  @ApiProperty({ example: '2' }) version!: string;
  @ApiProperty({ example: HASH }) hash!: string;
}

export class StoreSealResponse {
  @ApiProperty({ example: 'coe_mou_negotiation' }) schema!: string;
  @ApiProperty({ example: '8812' }) upToTransactionId!: string;
  @ApiProperty({ nullable: true, example: '1042' }) upToGlobalPosition!: string | null;
  @ApiProperty({ example: 1042 }) events!: number;
  @ApiProperty({ type: [StreamHeadResponse] }) heads!: StreamHeadResponse[];
  @ApiProperty({ example: HASH, description: 'Merkle root of the heads' }) root!: string;
}

export class CheckpointResponse {
  @ApiProperty({ enum: ['coe-checkpoint/1'] }) format!: string;
  @ApiProperty({ example: '2019-11-02T10:00:00.000Z' }) sealedAt!: string;
  @ApiProperty({ type: [StoreSealResponse] }) stores!: StoreSealResponse[];
  @ApiProperty({ example: HASH }) root!: string;
  @ApiProperty({ example: 'MCowBQYDK2VwAyEA…', description: 'Ed25519 public key, SPKI DER, base64' })
  publicKey!: string;
  @ApiProperty({ example: 'q1x…==', description: 'Ed25519 signature, base64' }) signature!: string;
}

export class SealedCheckpointResponse {
  @ApiProperty({ example: '12' }) checkpointId!: string;
  @ApiProperty({ type: CheckpointResponse }) checkpoint!: CheckpointResponse;
}
