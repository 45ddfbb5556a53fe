import { Logger } from '@nestjs/common';
import { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's own loggers print query parameters, which hold message contents and
 * tokens; this one reports failures by SQL text and SQLSTATE only.
 */
export class DatabaseLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    // Not the error's message either: PostgreSQL quotes the offending value in it ("invalid input syntax ...: \"<value>\"").
    const code = typeof error === 'object' ? (error as { code?: string }).code : undefined;
    this.logger.warn(`query failed (${code ?? 'no SQLSTATE'}) in: ${oneLine(query)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${oneLine(query)}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.log(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}

function oneLine(sql: string): string {
  return sql.replace(/\s+/g, ' ').slice(0, 300);
}
