import { DocumentReaders, contributorScope } from '@coe/platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ReadTables } from '../force-generation.read-tables';

/**
 * Who may download a document attached to a unit's inspection: whoever may read the unit (every role
 * of GET /v1/units/{unitId}), a contributor representative only for their own contributor's units.
 */
@Injectable()
export class UnitDocumentReader implements OnModuleInit {
  constructor(
    private readonly readers: DocumentReaders,
    private readonly tables: ReadTables,
  ) {}

  onModuleInit(): void {
    const { pool, schema } = this.tables;
    this.readers.register(async (sha256, actor) => {
      const { rowCount } = await pool.query(
        `select 1 from ${schema}.unit_documents d join ${schema}.units u on u.unit_id = d.unit_id
          where d.sha256 = $1 and ($2::text is null or u.contributor = $2) limit 1`,
        [sha256, contributorScope(actor) ?? null],
      );
      return rowCount === 1;
    });
  }
}
