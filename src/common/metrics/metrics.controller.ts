import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { OwnTransactions } from '@/common/database/transaction.interceptor';
import { Metrics } from './metrics';
import { MetricsTokenGuard } from './metrics-token.guard';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @OwnTransactions()
  @UseGuards(MetricsTokenGuard)
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics (a bearer METRICS_TOKEN when one is set)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format', schema: { type: 'string' } })
  @ApiBearerAuth()
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
