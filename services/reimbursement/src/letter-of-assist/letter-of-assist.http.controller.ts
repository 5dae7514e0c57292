import {
  type Actor,
  CurrentActor,
  ValidationProblemException,
  Write,
  type WriteContext,
  ApiChanged,
  ApiCreated,
} from '@coe/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { GetPayableRecordQuery, ListPayableRecordsQuery } from '../payable-records/payable-record.queries';
import { answerPayableRecord } from '../payable-records/payable-record.http';
import type { PayableRecordView } from '../payable-records/payable-record.read-model';
import type { PayableRecordWritten } from '../payable-records/payable-record.write';
import { ReimbursementProblemFilter } from '../reimbursement.http.errors';
import {
  LetterOfAssistPageResponse,
  LetterOfAssistResponse,
} from '../payable-records/payable-record.http.responses';
import { money, usd } from '../shared/money';
import { ReadOperation, WriteOperation } from '../shared/openapi';
import type { Page } from '../shared/pagination';
import { uuidPipe } from '../shared/params';
import {
  CertifyLetterOfAssistInvoiceCommand,
  CloseLetterOfAssistCommand,
  IssueLetterOfAssistCommand,
  RecordLetterOfAssistInvoiceCommand,
} from './letter-of-assist.handlers';
import {
  CertifyLetterOfAssistInvoiceRequest,
  CloseLetterOfAssistRequest,
  IssueLetterOfAssistRequest,
  LettersOfAssistQuery,
  RecordLetterOfAssistInvoiceRequest,
} from './letter-of-assist.http.requests';

const LOA_ID = uuidPipe('loaId');
const INVOICE_REF = {
  transform: (value: string) => {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/.test(value)) {
      throw new ValidationProblemException([
        { field: 'invoiceRef', message: 'must be an invoice reference' },
      ]);
    }
    return value;
  },
};

@ApiTags('Letters of assist')
@UseFilters(ReimbursementProblemFilter)
@Controller('v1/letters-of-assist')
export class LetterOfAssistHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private answer(written: PayableRecordWritten, res: Response): Promise<PayableRecordView> {
    return answerPayableRecord(this.queries, 'letter-of-assist', written, res);
  }

  @Post()
  @WriteOperation(
    'Issue a letter of assist',
    'A letter of assist with its not-to-exceed amount (NTE): what is certified against it, in total, never exceeds the NTE.',
    { conflict: ['LOA_EXISTS'] },
  )
  @ApiCreated(LetterOfAssistResponse, '/v1/letters-of-assist/{loaId}', 'Issued')
  async issue(
    @Body() body: IssueLetterOfAssistRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const data = { ...body, notToExceedUsd: usd(money(body.notToExceedUsd)) };
    return this.answer(await this.commands.execute(new IssueLetterOfAssistCommand(data, write)), res);
  }

  @Post(':loaId/invoices')
  @WriteOperation(
    'Record an invoice against a letter of assist',
    'Refused when the letter is closed or when the certified invoices plus this one would exceed the NTE. Another officer certifies it.',
    {
      notFound: ['LOA_NOT_FOUND'],
      conflict: ['LOA_CLOSED', 'LOA_INVOICE_EXISTS'],
      unprocessable: ['LOA_NOT_TO_EXCEED', 'DATED_OUT_OF_ORDER', 'PERIOD_AFTER_PREPARATION'],
    },
  )
  @ApiChanged(LetterOfAssistResponse, 'Changed: the letter with the invoice recorded')
  async invoice(
    @Param('loaId', LOA_ID) loaId: string,
    @Body() body: RecordLetterOfAssistInvoiceRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const data = { ...body, amountUsd: usd(money(body.amountUsd)) };
    const written = await this.commands.execute(new RecordLetterOfAssistInvoiceCommand(loaId, data, write));
    return this.answer(written, res);
  }

  @Post(':loaId/invoices/:invoiceRef/certification')
  @HttpCode(200)
  @WriteOperation(
    'Certify an invoice of a letter of assist',
    'Four eyes: not by the officer who recorded it. The certified invoices never exceed the NTE in total. The invoice becomes a certified claim of category `letter_of_assist` (reference `<loaRef>/<invoiceRef>`), paid like any claim.',
    {
      notFound: ['LOA_NOT_FOUND', 'LOA_INVOICE_NOT_FOUND'],
      forbidden: ['FOUR_EYES_REQUIRED'],
      conflict: ['LOA_CLOSED', 'LOA_INVOICE_ALREADY_CERTIFIED', 'CLAIM_EXISTS'],
      unprocessable: ['LOA_NOT_TO_EXCEED', 'DATED_BEFORE_PREPARATION'],
    },
  )
  @ApiOkResponse({ type: LetterOfAssistResponse, description: 'Changed: the invoice certified' })
  async certify(
    @Param('loaId', LOA_ID) loaId: string,
    @Param('invoiceRef', INVOICE_REF) invoiceRef: string,
    @Body() body: CertifyLetterOfAssistInvoiceRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = new CertifyLetterOfAssistInvoiceCommand(loaId, invoiceRef, body.certifiedOn, write);
    return this.answer(await this.commands.execute(command), res);
  }

  @Post(':loaId/closure')
  @HttpCode(200)
  @WriteOperation(
    'Close a letter of assist',
    'No invoice is recorded or certified after closure; invoices not certified by then lapse.',
    { notFound: ['LOA_NOT_FOUND'], conflict: ['LOA_CLOSED'], unprocessable: ['DATED_OUT_OF_ORDER'] },
  )
  @ApiOkResponse({ type: LetterOfAssistResponse, description: 'Changed: closed' })
  async close(
    @Param('loaId', LOA_ID) loaId: string,
    @Body() body: CloseLetterOfAssistRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.answer(
      await this.commands.execute(new CloseLetterOfAssistCommand(loaId, body.closedOn, write)),
      res,
    );
  }

  @Get()
  @ReadOperation(
    'Letters of assist',
    'By mission, contributor and status; paged, by issue date then reference.',
    {
      scoped: true,
    },
  )
  @ApiOkResponse({ type: LetterOfAssistPageResponse })
  list(@Query() query: LettersOfAssistQuery, @CurrentActor() actor: Actor): Promise<Page<PayableRecordView>> {
    return this.queries.execute(new ListPayableRecordsQuery('letter-of-assist', query, actor));
  }

  @Get(':loaId')
  @ReadOperation('A letter of assist', 'Its NTE, invoices, what is certified and what remains.', {
    scoped: true,
    notFound: 'LOA_NOT_FOUND',
  })
  @ApiOkResponse({ type: LetterOfAssistResponse })
  get(@Param('loaId', LOA_ID) loaId: string, @CurrentActor() actor: Actor): Promise<PayableRecordView> {
    return this.queries.execute(new GetPayableRecordQuery('letter-of-assist', loaId, actor));
  }
}
