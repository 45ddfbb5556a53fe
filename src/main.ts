import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { AppModule } from './app.module';
import { configureApp, createHttpAdapter } from './app.setup';
import { AppConfig, ConfigError, loadConfig } from './common/config/app-config';
import { prepareDataDir } from './common/database/data-dir';
import { logLevelsFrom, ServiceLogger } from './common/logging/service.logger';

const logger = new Logger('Continuum');

async function bootstrap(): Promise<void> {
  // A .env beside the service is read as .env.example invites; the real environment wins.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  if (!config.databaseUrl && config.dataDir !== ':memory:') prepareDataDir(config.dataDir);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(config), {
    logger: new ServiceLogger(config.logFormat, { logLevels: logLevelsFrom(config.logLevel) }),
    abortOnError: false,
  });
  await configureApp(app, config);
  await app.listen(config.port, '0.0.0.0');
  const { address, port } = app.getHttpServer().address() as AddressInfo;
  logger.log(`listening on ${address}:${port} (http://localhost:${port}/, API docs at /docs)`);
  limitShutdown(app, config);
}

/**
 * On SIGTERM Nest stops accepting connections, lets the requests and chat streams in flight
 * finish, then closes the pool and the embedded database. Past SHUTDOWN_TIMEOUT_MS the
 * connections still open are cut, so the database still closes cleanly; if even that hangs,
 * the process exits.
 */
function limitShutdown(app: NestFastifyApplication, config: AppConfig): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: finishing the requests in flight (at most ${config.shutdownTimeoutMs} ms), then stopping`);
      setTimeout(() => {
        logger.warn(`requests still in flight after ${config.shutdownTimeoutMs} ms: closing their connections`);
        app.getHttpServer().closeAllConnections();
        setTimeout(() => process.exit(1), 5_000).unref();
      }, config.shutdownTimeoutMs).unref();
    });
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `invalid configuration: ${error.message}` : error);
  process.exit(1);
});
