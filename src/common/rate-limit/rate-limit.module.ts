import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { CallerThrottlerGuard } from './caller-throttler.guard';
import { FixedWindowStorage } from './fixed-window.storage';

/** RATE_LIMIT_REQUESTS per RATE_LIMIT_WINDOW_MS per caller; `@RateLimited()` (part of `@Authenticated()`) applies it. */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'caller', ttl: config.rateLimit.windowMs, limit: config.rateLimit.requests }],
        skipIf: () => config.rateLimit.requests === 0,
        storage: new FixedWindowStorage(),
      }),
    }),
  ],
  providers: [CallerThrottlerGuard],
  exports: [CallerThrottlerGuard, ThrottlerModule],
})
export class RateLimitModule {}
