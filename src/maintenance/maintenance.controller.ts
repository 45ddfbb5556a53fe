import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { OwnTransactions } from '@/common/database/transaction.interceptor';
import { AdminOnly } from '@/common/http/admin-key.guard';
import { ListRunsQuery } from './dto/list-runs.query';
import { MaintenanceRunDto, MaintenanceRunPageDto } from './dto/maintenance-run.dto';
import { JOB_NAMES } from './maintenance-job';
import { MaintenanceService } from './maintenance.service';

@ApiTags('admin')
@AdminOnly()
@Controller('v1/admin/maintenance')
export class MaintenanceController {
  constructor(private readonly maintenance: MaintenanceService) {}

  @Post(':job/run')
  // The job commits batch by batch: the request must not wrap it in one transaction.
  @OwnTransactions()
  @ApiOperation({ summary: 'Run a maintenance job now and answer with its run record (status ok, failed or skipped)' })
  @ApiParam({ name: 'job', enum: JOB_NAMES })
  @ApiCreatedResponse({ type: MaintenanceRunDto })
  @ApiNotFoundResponse({ description: 'No such job' })
  run(@Param('job') job: string): Promise<MaintenanceRunDto> {
    return this.maintenance.runNow(job);
  }

  @Get('runs')
  @ApiOperation({ summary: 'The run log, newest first' })
  @ApiOkResponse({ type: MaintenanceRunPageDto })
  list(@Query() query: ListRunsQuery): Promise<MaintenanceRunPageDto> {
    return this.maintenance.listRuns(query);
  }
}
