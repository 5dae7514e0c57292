import { DocumentReaders, InjectPool } from '@coe/platform';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { REIMBURSEMENT_SCHEMA } from '../shared/reimbursement.database';

// the roles of GET /v1/verification-reports/{mouId}/{period}, and the administrator
const READERS = new Set(['finance-officer', 'auditor', 'admin']);

/** Who may download a document attached to a verification report: whoever may read the report. */
@Injectable()
export class VerificationDocumentReader implements OnModuleInit {
  constructor(
    private readonly readers: DocumentReaders,
    @InjectPool() private readonly pool: Pool,
    @Inject(REIMBURSEMENT_SCHEMA) private readonly schema: string,
  ) {}

  onModuleInit(): void {
    this.readers.register(async (sha256, actor) => {
      if (!actor.roles.some((role) => READERS.has(role))) return false;
      const { rowCount } = await this.pool.query(
        `select 1 from ${this.schema}.verification_documents where sha256 = $1 limit 1`,
        [sha256],
      );
      return rowCount === 1;
    });
  }
}
