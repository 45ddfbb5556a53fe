import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { configureApp, createHttpAdapter } from './app.setup';
import { ConfigError, loadConfig } from './common/config/app-config';
import { RequestIdLogger } from './common/logging/request-id.logger';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(config), {
    logger: new RequestIdLogger({ logLevels: logLevels(config.logLevel) }),
  });
  await configureApp(app, config);
  await app.listen(config.port, '0.0.0.0');
  new Logger('Continuum').log(`listening on ${await app.getUrl()} (docs at /docs)`);
}

function logLevels(level: string): ('error' | 'warn' | 'log' | 'debug' | 'verbose')[] {
  const order = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level as (typeof order)[number]) + 1);
}

bootstrap().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `invalid configuration: ${error.message}` : error;
  console.error(message);
  process.exit(1);
});
