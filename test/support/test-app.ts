import { LoggerService, ModuleMetadata } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppModule } from '@/app.module';
import { configureApp, createHttpAdapter } from '@/app.setup';
import { APP_CONFIG, AppConfig, loadConfig } from '@/common/config/app-config';
import { createDatabaseFromTemplate, databaseUrl, dropDatabase } from './test-database';
import { TEST_JWT_SECRET } from './tokens';

/**
 * Where a test app keeps its data: a copy of the migrated template database on the
 * PostgreSQL at DATABASE_URL, or else PGlite (in memory, or in a temporary folder when
 * the data must outlive one app, as in a restart).
 */
export interface TestStore {
  config: Partial<AppConfig>;
  dispose(): Promise<void>;
}

export async function createTestStore(options: { persistent?: boolean } = {}): Promise<TestStore> {
  const serverUrl = process.env.DATABASE_URL;
  const template = process.env.CONTINUUM_TEST_TEMPLATE;
  if (serverUrl && template) {
    const name = await createDatabaseFromTemplate(serverUrl, template);
    return { config: { databaseUrl: databaseUrl(serverUrl, name) }, dispose: () => dropDatabase(serverUrl, name) };
  }
  if (!options.persistent) return { config: { databaseUrl: null, dataDir: ':memory:' }, dispose: async () => undefined };
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-test-'));
  return { config: { databaseUrl: null, dataDir }, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  dataSource: DataSource;
  /** Where the app listens (127.0.0.1, a free port), for clients other than supertest. */
  url: string;
  /** A client without cookies. */
  http(): TestAgent;
  /** A client that keeps cookies, like a browser. */
  browser(): TestAgent;
  /** Closes the app; the store is disposed too unless it was passed in. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  store?: TestStore;
  config?: Partial<AppConfig>;
  /** Listen on this port (default: a free one), e.g. to restart on the same address. */
  port?: number;
  /** Extra controllers and providers, for tests that need a route of their own. */
  extra?: Pick<ModuleMetadata, 'controllers' | 'providers' | 'imports'>;
  /** Where the app logs (default: errors only, to the console), for tests that read the logs. */
  logger?: LoggerService;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownStore = options.store ? null : await createTestStore();
  const store = options.store ?? ownStore!;
  const config: AppConfig = { ...loadConfig({}), authJwtSecret: TEST_JWT_SECRET, logLevel: 'error', ...store.config, ...options.config };
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule, ...(options.extra?.imports ?? [])],
    controllers: options.extra?.controllers ?? [],
    providers: options.extra?.providers ?? [],
  })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), { logger: options.logger ?? ['error'] });
  await configureApp(app, config);
  await app.listen(options.port ?? 0, '127.0.0.1');
  const server = app.getHttpServer();
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    url: await app.getUrl(),
    http: () => request(server) as unknown as TestAgent,
    browser: () => request.agent(server),
    close: async () => {
      await app.close();
      await ownStore?.dispose();
    },
  };
}
