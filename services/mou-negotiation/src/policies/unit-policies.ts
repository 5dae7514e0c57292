import { MessagingRuntime } from '@coe/messaging';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectMouSchema } from '../mou-negotiation.options';
import { MouWriter } from '../mou/mou.writer';
import { draftMouOnUnitSelected } from './draft-mou-on-unit-selected.policy';
import { recordUnitMovements } from './record-unit-movements.policy';

/** Registers this service's reactions to force generation's events with the process's transport. */
@Injectable()
export class UnitPolicies implements OnModuleInit {
  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly writer: MouWriter,
    @InjectMouSchema() private readonly schema: string,
  ) {}

  onModuleInit(): void {
    for (const handler of [
      draftMouOnUnitSelected(this.writer, this.schema),
      recordUnitMovements(this.writer, this.schema),
    ]) {
      this.runtime.registerHandler({ handler, schema: this.schema, sources: ['force-generation'] });
    }
  }
}
