import { DatabaseModule } from './database.module';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { ClsModule } from 'nestjs-cls';
import { QueryRunnerTransactionalAdapter } from './query-runner-transactional.adapter';

/**
 * The per-request context in AsyncLocalStorage (opened by TransactionInterceptor): a
 * request id for the logs and the request's transaction, which every repository reaches
 * through `Database`.
 */
export const RequestContextModule = ClsModule.forRoot({
  global: true,
  plugins: [
    new ClsPluginTransactional({
      imports: [DatabaseModule],
      adapter: new QueryRunnerTransactionalAdapter(),
    }),
  ],
});
