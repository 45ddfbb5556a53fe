import { Controller, Delete, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { OwnTransactions } from '@/common/database/transaction.interceptor';
import { Authenticated, CurrentOwner } from '@/session/authenticated';
import { Owner } from '@/session/owner';
import { ErasureReceiptDto } from './dto/erasure-receipt.dto';
import { ExportQuery, PersonalDataExportDto } from './dto/personal-data-export.dto';
import { PersonalDataErasureService } from './personal-data-erasure.service';
import { PersonalDataExportService } from './personal-data-export.service';

@ApiTags('personal data')
@Authenticated()
@Controller('v1/me')
export class PersonalDataController {
  constructor(
    private readonly exports: PersonalDataExportService,
    private readonly erasure: PersonalDataErasureService,
  ) {}

  @Get('export')
  @OwnTransactions()
  @ApiOperation({ summary: 'Everything stored about the caller: sessions, messages, profile with provenance and events, usage' })
  @ApiProduces('application/json', 'application/x-ndjson')
  @ApiOkResponse({ type: PersonalDataExportDto, description: 'JSON; with format=ndjson the same records, one per line, streamed' })
  async export(@CurrentOwner() owner: Owner, @Query() query: ExportQuery, @Res() reply: FastifyReply): Promise<void> {
    // The reply is ours in both cases: the stream takes it over, the document is sent whole.
    if (query.format === 'ndjson') return this.exports.stream(owner, reply);
    await reply.send(await this.exports.document(owner));
  }

  @Delete()
  @ApiOperation({ summary: 'Erase everything stored about the caller (model calls keep their cost, anonymized); answers with a receipt of counts' })
  @ApiOkResponse({ type: ErasureReceiptDto })
  erase(@CurrentOwner() owner: Owner): Promise<ErasureReceiptDto> {
    return this.erasure.erase(owner);
  }
}
