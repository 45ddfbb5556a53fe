import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { AdminOnly } from '@/common/http/admin-key.guard';
import { AdminUsageDto } from './dto/admin-usage.dto';
import { AdminUsageQuery } from './dto/admin-usage.query';
import { LlmTrackingService } from './llm-tracking.service';
import { adminUsageCsv } from './usage.mapper';

@ApiTags('admin')
@AdminOnly()
@Controller('v1/admin/usage')
export class AdminUsageController {
  constructor(private readonly tracking: LlmTrackingService) {}

  @Get()
  @ApiOperation({ summary: 'Tokens and cost of all model calls in a period, by model, UTC day or owner, as JSON or CSV' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AdminUsageDto, description: 'JSON; with format=csv the same rows as text/csv' })
  async get(@Query() query: AdminUsageQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<AdminUsageDto | string> {
    const report = await this.tracking.adminUsage(query);
    if (query.format !== 'csv') return report;
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="usage-by-${report.groupBy}.csv"`);
    return adminUsageCsv(report);
  }
}
