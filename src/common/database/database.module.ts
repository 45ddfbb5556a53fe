import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { Database } from './database';
import { appDataSourceOptions, createMigratedDataSource, EMBEDDED_POSTGRES, embeddedPostgresProvider } from './database.providers';
import { EmbeddedPostgres } from './embedded-postgres';

/** The embedded PostgreSQL (or null), on its own so TypeORM's factory can wait for it. */
@Module({
  providers: [embeddedPostgresProvider],
  exports: [EMBEDDED_POSTGRES],
})
class EmbeddedPostgresModule {}

/**
 * TypeORM's DataSource (from @nestjs/typeorm, built from the typed config and migrated before
 * first use) and `Database`, through which every repository reaches the current transaction.
 */
@Global()
@Module({
  imports: [
    EmbeddedPostgresModule,
    TypeOrmModule.forRootAsync({
      imports: [EmbeddedPostgresModule],
      inject: [APP_CONFIG, EMBEDDED_POSTGRES],
      useFactory: appDataSourceOptions,
      dataSourceFactory: createMigratedDataSource,
    }),
  ],
  providers: [Database],
  exports: [Database, TypeOrmModule],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EMBEDDED_POSTGRES) private readonly embedded: EmbeddedPostgres | null,
  ) {}

  /** The pool closes before the embedded database it talks to, whichever module's hook runs first. */
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
  }
}
