import { DocumentReaders, InjectPool, contributorScope } from '@coe/platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { InjectMouSchema } from '../mou-negotiation.options';

/**
 * Who may download a document attached to an MOU's event: whoever may read the MOU (every role of
 * GET /v1/mous/{mouId}), a contributor representative only for their own contributor's MOUs.
 */
@Injectable()
export class MouDocumentReader implements OnModuleInit {
  constructor(
    private readonly readers: DocumentReaders,
    @InjectPool() private readonly pool: Pool,
    @InjectMouSchema() private readonly schema: string,
  ) {}

  onModuleInit(): void {
    this.readers.register(async (sha256, actor) => {
      const { rowCount } = await this.pool.query(
        `select 1 from ${this.schema}.mou_documents d join ${this.schema}.mous m on m.mou_id = d.mou_id
          where d.sha256 = $1 and ($2::text is null or m.contributor = $2) limit 1`,
        [sha256, contributorScope(actor) ?? null],
      );
      return rowCount === 1;
    });
  }
}
