import {
  Body,
  Controller,
  Get,
  Headers,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
  UseFilters,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { type Actor, CurrentActor } from './actor';
import { ApiCreated, ApiProblem, ApiRead } from './api-operations';
import {
  type DocumentErrorCode,
  DocumentError,
  DOCUMENT_MEDIA_TYPES,
  checkedMediaType,
} from './document-content';
import { DocumentReaders } from './document.readers';
import { type DocumentDescriptor, DocumentStore, sha256Of } from './document.store';
import { problemFilterFor } from './problem.filter';
import { Roles } from './roles';

const statusByCode = {
  DOCUMENT_TYPE_NOT_ALLOWED: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  DOCUMENT_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  DOCUMENT_NOT_FOUND: HttpStatus.NOT_FOUND,
  // the bytes no longer hash to their key: storage corruption or tampering, never the client's fault
  DOCUMENT_CORRUPTED: HttpStatus.INTERNAL_SERVER_ERROR,
} satisfies Record<DocumentErrorCode, HttpStatus>;

export const DocumentsProblemFilter = problemFilterFor(statusByCode);

const EXTENSIONS: Record<DocumentDescriptor['mediaType'], string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

const notFound = (): DocumentError =>
  new DocumentError(
    'DOCUMENT_NOT_FOUND',
    'No document with this hash is attached to an event this token may read.',
  );

/**
 * The collections whose commands attach documents, each owned by one service: in the distributed mode
 * each service keeps its own documents, and the gateway sends `POST /v1/documents?for=mous` to the service
 * that records MOU signatures (issue 18: a signed copy uploaded without it landed in reimbursement's store).
 */
export const DOCUMENT_FOR = ['mous', 'units', 'verification-reports'] as const;

export class DocumentForQuery {
  @ApiPropertyOptional({
    enum: DOCUMENT_FOR,
    example: 'mous',
    description:
      'What the document will be attached to: `mous` (signatures, notes verbales), `units` (visit and ' +
      'inspection reports), `verification-reports` (inspectors’ reports). Through the gateway of the ' +
      'distributed mode it picks the service that keeps the document: without it an upload goes to ' +
      'reimbursement’s store (verification reports) and a download is looked for in every store. One ' +
      'process keeps one store and reads it only to check its value.',
  })
  @IsOptional()
  @IsIn(DOCUMENT_FOR)
  for?: (typeof DOCUMENT_FOR)[number];
}

/** What `POST /v1/documents` answers: the key a command names to attach the document. */
export class DocumentDescriptorResponse implements DocumentDescriptor {
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  sha256!: string;
  @ApiProperty({ enum: DOCUMENT_MEDIA_TYPES, example: 'application/pdf' })
  mediaType!: DocumentDescriptor['mediaType'];
  @ApiProperty({ example: 52311, description: 'bytes' }) size!: number;
}

@ApiTags('Documents')
@UseFilters(DocumentsProblemFilter)
@Controller('v1/documents')
export class DocumentsHttpController {
  constructor(
    private readonly store: DocumentStore,
    private readonly readers: DocumentReaders,
  ) {}

  @Post()
  @Roles('mou-clerk', 'finance-officer')
  @ApiConsumes(...DOCUMENT_MEDIA_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOperation({
    summary: 'Upload a document',
    description:
      'The raw bytes of a PDF, PNG or JPEG with its Content-Type, checked against the content itself. ' +
      'Stored by its SHA-256 (201; 200 when these bytes were stored already), which a command then ' +
      'names in `documents` to attach it to the event it records.',
  })
  @ApiCreated(DocumentDescriptorResponse, '/v1/documents/{sha256}', 'Stored; Location is its download')
  @ApiOkResponse({ type: DocumentDescriptorResponse, description: 'These bytes were stored already' })
  @ApiProblem(400, ['VALIDATION_FAILED'], '`for` is not one of its values')
  @ApiProblem(413, ['DOCUMENT_TOO_LARGE'], 'over DOCUMENT_MAX_BYTES')
  @ApiProblem(415, ['DOCUMENT_TYPE_NOT_ALLOWED'], 'another type, or content not of the type sent')
  async upload(
    @Query() _for: DocumentForQuery,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DocumentDescriptor> {
    const declared = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
    const content = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    const { created, ...stored } = await this.store.put(content, checkedMediaType(declared, content));
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    res.setHeader('Location', `/v1/documents/${stored.sha256}`);
    return stored;
  }

  @Get(':sha256')
  @Roles('mou-clerk', 'finance-officer', 'auditor', 'contributor-representative')
  @ApiProduces(...DOCUMENT_MEDIA_TYPES)
  @ApiRead(
    'Download a document',
    'The bytes of a document attached to an event the token may read (a contributor representative: ' +
      'an event about their own contributor), verified against the hash on the way out. ETag is the ' +
      'hash. 404 DOCUMENT_NOT_FOUND alike for a hash nobody stored and one this token may not read.',
    { notFound: ['DOCUMENT_NOT_FOUND'] },
  )
  @ApiOkResponse({
    description: 'The document, with its Content-Type, Content-Disposition and ETag',
    schema: { type: 'string', format: 'binary', example: '%PDF-1.7 …' },
  })
  async download(
    @Param('sha256') sha256: string,
    @Query() _for: DocumentForQuery,
    @CurrentActor() actor: Actor,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | undefined> {
    if (!(await this.readers.mayRead(sha256, actor))) throw notFound();
    const document = await this.store.read(sha256);
    if (document === undefined) throw notFound();
    if (sha256Of(document.content) !== sha256) {
      throw new DocumentError(
        'DOCUMENT_CORRUPTED',
        `The stored bytes of document ${sha256} no longer match their hash; restore them from a backup.`,
      );
    }
    const etag = `"${sha256}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, max-age=0, must-revalidate');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === etag)) {
      res.status(HttpStatus.NOT_MODIFIED);
      return undefined;
    }
    return new StreamableFile(document.content, {
      type: document.mediaType,
      length: document.size,
      disposition: `attachment; filename="${sha256}.${EXTENSIONS[document.mediaType]}"`,
    });
  }
}
