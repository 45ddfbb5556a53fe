import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ConfigModule } from '@/common/config/config.module';
import { DatabaseModule } from '@/common/database/database.module';
import { RequestContextModule } from '@/common/database/request-context.module';
import { TransactionInterceptor } from '@/common/database/transaction.interceptor';
import { ProblemDetailsFilter } from '@/common/errors/problem-details.filter';
import { HealthModule } from '@/common/health/health.module';
import { MetricsModule } from '@/common/metrics/metrics.module';
import { RateLimitModule } from '@/common/rate-limit/rate-limit.module';
import { RouteTable } from '@/common/http/route-table';
import { createValidationPipe } from '@/common/http/validation';
import { ChatModule } from '@/chat/chat.module';
import { LlmTrackingModule } from '@/llm-tracking/llm-tracking.module';
import { MaintenanceModule } from '@/maintenance/maintenance.module';
import { MessageModule } from '@/message/message.module';
import { ProfileModule } from '@/profile/profile.module';
import { SessionModule } from '@/session/session.module';
import { TokenBudgetModule } from '@/token-budget/token-budget.module';

@Module({
  imports: [ConfigModule, DatabaseModule, RequestContextModule, HealthModule, MetricsModule, RateLimitModule, SessionModule, MessageModule, TokenBudgetModule, LlmTrackingModule, ChatModule, MaintenanceModule, ProfileModule],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    RouteTable,
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_INTERCEPTOR, useClass: TransactionInterceptor },
  ],
})
export class AppModule {}
