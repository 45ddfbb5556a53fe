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
    });
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
    ['PROFILE_EXTRACTION', 'sometimes', /PROFILE_EXTRACTION must be true or false/],
    ['PROFILE_DEFAULT_REGION', 'XX', /PROFILE_DEFAULT_REGION must be a region/],
    ['PROFILE_CATALOG', '{"products": []}', /PROFILE_CATALOG \(inline JSON\): products must be an object/],
  ])('refuses %s=%s and names the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
