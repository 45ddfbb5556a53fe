/**
 * The service's whole configuration, read from the environment once at boot.
 * Every variable is listed with its default in .env.example; an invalid value
 * stops the service with a message that names the variable.
 */
export interface AppConfig {
  port: number;
  databaseUrl: string | null;
  dataDir: string;
  migrationsRun: boolean;
  dbPoolSize: number;
  authJwtSecret: string | null;
  adminApiKey: string | null;
  cookie: { name: string; secure: boolean; maxAgeDays: number };
  maxMessagesPerSession: number;
  maxContentChars: number;
  bodyLimitBytes: number;
  logLevel: LogLevel;
}

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const read = new EnvReader(env);
  return {
    port: read.int('PORT', 3000, { min: 0, max: 65535 }),
    databaseUrl: read.optionalString('DATABASE_URL'),
    dataDir: read.string('DATA_DIR', './data'),
    migrationsRun: read.bool('DB_MIGRATIONS_RUN', true),
    dbPoolSize: read.int('DB_POOL_SIZE', 10, { min: 1, max: 200 }),
    authJwtSecret: read.optionalString('AUTH_JWT_SECRET'),
    adminApiKey: read.optionalString('ADMIN_API_KEY'),
    cookie: {
      name: read.string('SESSION_COOKIE_NAME', 'continuum_visitor'),
      secure: read.bool('COOKIE_SECURE', false),
      maxAgeDays: read.int('COOKIE_MAX_AGE_DAYS', 7, { min: 1, max: 400 }),
    },
    maxMessagesPerSession: read.int('MAX_MESSAGES_PER_SESSION', 200, { min: 1, max: 100_000 }),
    maxContentChars: read.int('MAX_CONTENT_CHARS', 32_000, { min: 1, max: 1_000_000 }),
    bodyLimitBytes: read.int('BODY_LIMIT_BYTES', 1_048_576, { min: 1024, max: 100 * 1_048_576 }),
    logLevel: read.oneOf('LOG_LEVEL', ['error', 'warn', 'log', 'debug', 'verbose'] as const, 'log'),
  };
}

class EnvReader {
  constructor(private readonly env: Env) {}

  optionalString(name: string): string | null {
    const value = this.env[name]?.trim();
    return value ? value : null;
  }

  string(name: string, fallback: string): string {
    return this.optionalString(name) ?? fallback;
  }

  int(name: string, fallback: number, range: { min: number; max: number }): number {
    const raw = this.optionalString(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      throw new ConfigError(`${name} must be an integer from ${range.min} to ${range.max}, got "${raw}"`);
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.optionalString(name)?.toLowerCase();
    if (raw === undefined || raw === null) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    throw new ConfigError(`${name} must be true or false, got "${raw}"`);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optionalString(name);
    if (raw === null) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    }
    return raw as T;
  }
}
