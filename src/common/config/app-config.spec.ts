import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      dataDir: './data',
      migrationsRun: true,
      maxMessagesPerSession: 200,
      maxContentChars: 32_000,
      bodyLimitBytes: 1_048_576,
      cookie: { name: 'continuum_visitor', secure: false, maxAgeDays: 7 },
      http: { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000 },
      dbTimeouts: { connectTimeoutMs: 5_000, statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000 },
      maintenance: { cron: '0 2 * * *', batchSize: 500, restPerBatch: 1, sessionRetentionDays: 7, llmRequestRetentionDays: 400, partitionsAhead: 3 },
    });
  });

  it('switches the maintenance schedule off with MAINTENANCE_CRON=off, and takes any cron expression', () => {
    expect(loadConfig({ MAINTENANCE_CRON: 'off' }).maintenance.cron).toBeNull();
    expect(loadConfig({ MAINTENANCE_CRON: '30 3 * * 0' }).maintenance.cron).toBe('30 3 * * 0');
  });

  it('reads profile extraction on, in the US, with the shipped catalog, unless told otherwise', () => {
    expect(loadConfig({}).profile).toMatchObject({ extraction: true, defaultRegion: 'US', catalog: { products: expect.any(Object) } });
    const custom = loadConfig({ PROFILE_EXTRACTION: 'false', PROFILE_DEFAULT_REGION: 'gb', PROFILE_CATALOG: '{"products": {"kettles": []}, "services": {}}' });
    expect(custom.profile).toEqual({ extraction: false, defaultRegion: 'GB', catalog: { products: { kettles: [] }, services: {} } });
  });

  it('reads values from the environment', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgresql://db/x', COOKIE_SECURE: 'true', MAX_MESSAGES_PER_SESSION: '50' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgresql://db/x', cookie: { secure: true }, maxMessagesPerSession: 50 });
  });

  it.each([
    ['PORT', 'eighty', /PORT must be an integer/],
    ['PORT', '70000', /PORT must be an integer from 0 to 65535/],
    ['MAX_MESSAGES_PER_SESSION', '0', /MAX_MESSAGES_PER_SESSION/],
    ['COOKIE_SECURE', 'maybe', /COOKIE_SECURE must be true or false/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['AUTH_JWT_SECRET', 'short', /AUTH_JWT_SECRET must be at least 32 bytes/],
    ['REQUEST_TIMEOUT_MS', '5000', /HEADERS_TIMEOUT_MS must not be longer than REQUEST_TIMEOUT_MS/],
    ['DB_STATEMENT_TIMEOUT_MS', '0', /DB_STATEMENT_TIMEOUT_MS must be an integer/],
    ['MAINTENANCE_CRON', 'daily at two', /MAINTENANCE_CRON must be a cron expression or "off"/],
    ['MAINTENANCE_CRON', '61 2 * * *', /MAINTENANCE_CRON/],
    ['MAINTENANCE_BATCH_SIZE', '0', /MAINTENANCE_BATCH_SIZE/],
    ['MAINTENANCE_REST_PER_BATCH', '-1', /MAINTENANCE_REST_PER_BATCH/],
    ['SESSION_RETENTION_DAYS', '-1', /SESSION_RETENTION_DAYS/],
    ['LLM_REQUEST_RETENTION_DAYS', 'forever', /LLM_REQUEST_RETENTION_DAYS/],
    ['PROFILE_EXTRACTION', 'sometimes', /PROFILE_EXTRACTION must be true or false/],
    ['PROFILE_DEFAULT_REGION', 'XX', /PROFILE_DEFAULT_REGION must be a region/],
    ['PROFILE_CATALOG', '{"products": []}', /PROFILE_CATALOG \(inline JSON\): products must be an object/],
  ])('refuses %s=%s and names the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
