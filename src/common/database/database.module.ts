import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Database } from './database';
import { EmbeddedPostgres } from './embedded-postgres';
import { dataSourceProvider, EMBEDDED_POSTGRES, embeddedPostgresProvider, pgPoolProvider } from './database.providers';
import { PG_POOL } from './pg-transactional-adapter';

@Global()
@Module({
  providers: [embeddedPostgresProvider, dataSourceProvider, pgPoolProvider, Database],
  exports: [DataSource, Database, PG_POOL],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EMBEDDED_POSTGRES) private readonly embedded: EmbeddedPostgres | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
  }
}
