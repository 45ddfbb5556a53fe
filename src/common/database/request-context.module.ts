import { ClsModule } from 'nestjs-cls';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { DatabaseModule } from './database.module';
import { PgTransactionalAdapter } from './pg-transactional-adapter';

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
      adapter: new PgTransactionalAdapter(),
    }),
  ],
});
