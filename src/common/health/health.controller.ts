import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { ProblemException } from '@/common/errors/problem.exception';
import { OwnTransactions } from '@/common/database/transaction.interceptor';

const READY_TIMEOUT_MS = 2_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('live')
  @OwnTransactions()
  @ApiOperation({ summary: 'The process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @OwnTransactions()
  @HealthCheck()
  @ApiOperation({ summary: 'The database answers (503 when it does not)' })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.checkDatabase();
    } catch {
      throw new ProblemException(503, 'not-ready', 'Service Unavailable', 'The database does not answer.');
    }
  }

  private checkDatabase(): Promise<HealthCheckResult> {
    return this.health.check([
      () =>
        this.indicator
          .check('database')
          .attempt(async () => {
            await this.dataSource.query('SELECT 1');
          })
          .withTimeout(READY_TIMEOUT_MS),
    ]);
  }
}
