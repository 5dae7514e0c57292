import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';

/** At most this many documents attached to one event. */
export const MAX_DOCUMENTS_PER_EVENT = 20;

/**
 * The optional `documents: [{ sha256, title, kind }]` property of a request DTO, `kind` one of `kinds`.
 * `name` names the attachment's schema in the OpenAPI document (one per list of kinds).
 */
export const DocumentsField = <Kind extends string>(
  name: string,
  kinds: readonly Kind[],
  example: string,
): PropertyDecorator => {
  class DocumentAttachmentRequest {
    @ApiProperty({
      description: 'The SHA-256 `POST /v1/documents` answered for the upload (lowercase hex).',
      example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    })
    @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hexadecimal digits' })
    sha256!: string;
    @ApiProperty({ example: 'MOU signed by the Permanent Representative' })
    @IsString()
    @Length(1, 200)
    title!: string;
    @ApiProperty({ enum: kinds }) @IsIn(kinds) kind!: Kind;
  }
  Object.defineProperty(DocumentAttachmentRequest, 'name', { value: name });
  return applyDecorators(
    ApiPropertyOptional({
      type: [DocumentAttachmentRequest],
      description:
        `Documents uploaded before (POST /v1/documents), attached to the event by their hash (${example}); ` +
        '422 DOCUMENT_NOT_UPLOADED for a hash never uploaded.',
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_DOCUMENTS_PER_EVENT),
    ArrayUnique((document: DocumentAttachmentRequest) => document?.sha256, {
      message: 'each document is attached once',
    }),
    ValidateNested({ each: true }),
    Type(() => DocumentAttachmentRequest),
  );
};
