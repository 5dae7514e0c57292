import { Module } from '@nestjs/common';
import { DocumentReaders } from './document.readers';
import { DocumentStore, PostgresDocumentStore } from './document.store';
import { DocumentsHttpController } from './documents.http.controller';

/**
 * The upload and download routes with the store behind them. Imported by every service module that
 * attaches documents to its events; a single process holds one instance (Nest shares a static module),
 * whose readers registry every such service fills.
 */
@Module({
  controllers: [DocumentsHttpController],
  providers: [{ provide: DocumentStore, useClass: PostgresDocumentStore }, DocumentReaders],
  exports: [DocumentStore, DocumentReaders],
})
export class DocumentsModule {}
