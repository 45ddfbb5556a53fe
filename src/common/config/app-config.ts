import { validateCronExpression } from 'cron';
import { loadProfileExtractionOptions, ProfileExtractionOptions } from '@/profile/extraction/profile-extraction-options';

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
  /** Hot statements as named prepared statements (off behind a pooler that cannot keep them; always off on the embedded database). */
  dbPreparedStatements: boolean;
  authJwtSecret: string | null;
  adminApiKey: string | null;
  /** Bearer token GET /metrics requires; null leaves it open (for a scraper on a private network). */
  metricsToken: string | null;
  /** Requests per window per caller (user, visitor, or IP address); 0 turns rate limiting off. */
  rateLimit: { requests: number; windowMs: number };
  /** Origins a browser may call the API from (CORS, with credentials); empty: same origin only. */
  corsOrigins: string[];
  /** Serve Swagger UI at /docs and the OpenAPI document at /docs-json. */
  docsEnabled: boolean;
  /** Proxies whose X-Forwarded-For is believed (client IPs for rate limits): true, false, or addresses/CIDRs. */
  trustProxy: boolean | string;
  cookie: { name: string; secure: boolean; maxAgeDays: number };
  maxMessagesPerSession: number;
  maxContentChars: number;
  bodyLimitBytes: number;
  logLevel: LogLevel;
  /** One JSON object per line (for log collectors), or text for a terminal. */
  logFormat: 'json' | 'text';
  /** How long SIGTERM waits for requests and chat streams in flight before cutting them. */
  shutdownTimeoutMs: number;
  tokenBudget: TokenBudgetSettings;
  llm: LlmSettings;
  chat: ChatSettings;
  /** MODEL_PRICES: a price table as inline JSON, or the path of a file holding one; null uses the shipped table alone. */
  modelPrices: string | null;
  /** The built reference chat page served at `/` (relative to the working directory). */
  webDir: string;
  /** How long a client may take to send a request. */
  http: HttpTimeouts;
  /** How long the service waits on the database. */
  dbTimeouts: DatabaseTimeouts;
  maintenance: MaintenanceSettings;
  profile: ProfileSettings;
}

/** A client slower than these gets 408 and its connection closed. */
export interface HttpTimeouts {
  /** From the first byte to the last byte of the body. */
  requestTimeoutMs: number;
  /** From the connection (or the previous request on it) to the end of the headers. */
  headersTimeoutMs: number;
}

/** Past these the request answers 503 with Retry-After (see data-source-options.ts). */
export interface DatabaseTimeouts {
  /** Opening a connection, or waiting for a free one in the pool. */
  connectTimeoutMs: number;
  /** One statement (PostgreSQL's statement_timeout; the client gives up 2 s later, for a server that does not answer at all). */
  statementTimeoutMs: number;
  /** A transaction left open without a statement (idle_in_transaction_session_timeout). */
  idleInTransactionTimeoutMs: number;
}

/** The scheduled jobs of the maintenance module. */
export interface MaintenanceSettings {
  /** When the jobs run (a cron expression, UTC); null when the schedule is off (admins can still run them). */
  cron: string | null;
  /** Rows a batch takes (sessions, keys, visitors, leases); each batch is one short transaction. */
  batchSize: number;
  /** After each batch a job rests this many times as long as the batch took (0: never), leaving the database to requests. */
  restPerBatch: number;
  /** Sessions with no activity for this long are deleted with their messages. */
  sessionRetentionDays: number;
  /** Months of llm_requests that ended longer ago than this are dropped whole. */
  llmRequestRetentionDays: number;
  /** Monthly partitions of llm_requests kept ready after the current month. */
  partitionsAhead: number;
}

/** Profile extraction: whether user messages are read, and how (PROFILE_DEFAULT_REGION, PROFILE_CATALOG). */
export interface ProfileSettings extends ProfileExtractionOptions {
  /** False (PROFILE_EXTRACTION=false): user messages are stored without being read for profile facts. */
  extraction: boolean;
}

/** Shares of the total; history gets the rest, plus whatever the other tiers leave unused. */
export interface TokenBudgetSettings {
  total: number;
  systemShare: number;
  memoryShare: number;
  reserveShare: number;
}

export type LlmProviderName = 'openai' | 'offline';

export interface LlmSettings {
  provider: LlmProviderName;
  baseUrl: string | null;
  apiKey: string | null;
  /** The model used when a request names none. */
  model: string;
  /** Models a request may name; always contains `model`. */
  models: string[];
  /** Longest wait for the first token. */
  timeoutMs: number;
  /** Longest silence between two tokens. */
  streamIdleMs: number;
  /** Retries before the first token (429, 5xx, connection errors). */
  maxRetries: number;
}

export interface ChatSettings {
  systemPrompt: string;
  /** How long a turn waits for another turn on the same session before answering 409. */
  turnWaitMs: number;
  /** How long a turn's lease on its session lasts unless renewed (frees the session after a crash). */
  leaseTtlMs: number;
  /** Per-owner spend per UTC day, in USD; null means no limit. */
  dailyCostLimitUsd: number | null;
}

export const OFFLINE_MODEL = 'continuum-offline';

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
    dbPreparedStatements: read.bool('DB_PREPARED_STATEMENTS', true),
    authJwtSecret: readJwtSecret(read),
    adminApiKey: read.optionalString('ADMIN_API_KEY'),
    metricsToken: read.optionalString('METRICS_TOKEN'),
    rateLimit: {
      requests: read.int('RATE_LIMIT_REQUESTS', 300, { min: 0, max: 1_000_000_000 }),
      windowMs: read.int('RATE_LIMIT_WINDOW_MS', 60_000, { min: 1_000, max: 86_400_000 }),
    },
    corsOrigins: readOrigins(read.optionalString('CORS_ORIGINS')),
    docsEnabled: read.bool('DOCS_ENABLED', true),
    trustProxy: readTrustProxy(read.optionalString('TRUST_PROXY')),
    cookie: {
      name: read.string('SESSION_COOKIE_NAME', 'continuum_visitor'),
      secure: read.bool('COOKIE_SECURE', false),
      maxAgeDays: read.int('COOKIE_MAX_AGE_DAYS', 7, { min: 1, max: 400 }),
    },
    maxMessagesPerSession: read.int('MAX_MESSAGES_PER_SESSION', 200, { min: 1, max: 100_000 }),
    maxContentChars: read.int('MAX_CONTENT_CHARS', 32_000, { min: 1, max: 1_000_000 }),
    bodyLimitBytes: read.int('BODY_LIMIT_BYTES', 1_048_576, { min: 1024, max: 100 * 1_048_576 }),
    logLevel: read.oneOf('LOG_LEVEL', ['error', 'warn', 'log', 'debug', 'verbose'] as const, 'log'),
    logFormat: read.oneOf('LOG_FORMAT', ['json', 'text'] as const, 'json'),
    shutdownTimeoutMs: read.int('SHUTDOWN_TIMEOUT_MS', 25_000, { min: 0, max: 600_000 }),
    tokenBudget: readTokenBudget(read),
    llm: readLlm(read),
    chat: {
      systemPrompt: read.string('CHAT_SYSTEM_PROMPT', 'You are a helpful assistant. Use the conversation so far to answer.'),
      turnWaitMs: read.int('CHAT_TURN_WAIT_MS', 30_000, { min: 0, max: 600_000 }),
      leaseTtlMs: read.int('CHAT_LEASE_TTL_MS', 120_000, { min: 1_000, max: 3_600_000 }),
      dailyCostLimitUsd: read.optionalNumber('DAILY_COST_LIMIT_USD', { min: 0, max: 1_000_000 }),
    },
    modelPrices: read.optionalString('MODEL_PRICES'),
    webDir: read.string('WEB_DIR', './web/dist'),
    http: readHttpTimeouts(read),
    dbTimeouts: {
      connectTimeoutMs: read.int('DB_CONNECT_TIMEOUT_MS', 5_000, { min: 100, max: 600_000 }),
      statementTimeoutMs: read.int('DB_STATEMENT_TIMEOUT_MS', 10_000, { min: 100, max: 3_600_000 }),
      idleInTransactionTimeoutMs: read.int('DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 10_000, { min: 100, max: 3_600_000 }),
    },
    maintenance: readMaintenance(read),
    profile: readProfile(read, env),
  };
}

/** Node refuses a headers timeout longer than the request timeout. */
function readHttpTimeouts(read: EnvReader): HttpTimeouts {
  const timeouts = {
    requestTimeoutMs: read.int('REQUEST_TIMEOUT_MS', 30_000, { min: 100, max: 3_600_000 }),
    headersTimeoutMs: read.int('HEADERS_TIMEOUT_MS', 10_000, { min: 100, max: 3_600_000 }),
  };
  if (timeouts.headersTimeoutMs > timeouts.requestTimeoutMs) {
    throw new ConfigError('HEADERS_TIMEOUT_MS must not be longer than REQUEST_TIMEOUT_MS');
  }
  return timeouts;
}

export const DEFAULT_MAINTENANCE_CRON = '0 2 * * *';

function readMaintenance(read: EnvReader): MaintenanceSettings {
  return {
    cron: readCron(read.string('MAINTENANCE_CRON', DEFAULT_MAINTENANCE_CRON)),
    batchSize: read.int('MAINTENANCE_BATCH_SIZE', 500, { min: 1, max: 100_000 }),
    restPerBatch: read.number('MAINTENANCE_REST_PER_BATCH', 1, { min: 0, max: 100 }),
    sessionRetentionDays: read.int('SESSION_RETENTION_DAYS', 7, { min: 1, max: 36_500 }),
    llmRequestRetentionDays: read.int('LLM_REQUEST_RETENTION_DAYS', 400, { min: 1, max: 36_500 }),
    partitionsAhead: read.int('LLM_REQUEST_PARTITIONS_AHEAD', 3, { min: 1, max: 120 }),
  };
}

/** `off` switches the schedule off; anything else must be a cron expression (5 or 6 fields). */
function readCron(value: string): string | null {
  if (value.toLowerCase() === 'off') return null;
  const { valid, error } = validateCronExpression(value);
  if (!valid) throw new ConfigError(`MAINTENANCE_CRON must be a cron expression or "off", got "${value}" (${error?.message ?? 'invalid'})`);
  return value;
}

function readProfile(read: EnvReader, env: Env): ProfileSettings {
  const extraction = read.bool('PROFILE_EXTRACTION', true);
  try {
    return { extraction, ...loadProfileExtractionOptions(env) };
  } catch (error) {
    // Its messages name the variable (PROFILE_DEFAULT_REGION, PROFILE_CATALOG) already.
    throw new ConfigError((error as Error).message);
  }
}

/** HS256 is only as strong as its secret: at least 32 bytes, as RFC 7518 asks. */
function readJwtSecret(read: EnvReader): string | null {
  const secret = read.optionalString('AUTH_JWT_SECRET');
  if (secret !== null && Buffer.byteLength(secret) < 32) {
    throw new ConfigError('AUTH_JWT_SECRET must be at least 32 bytes long (HS256)');
  }
  return secret;
}

function readTokenBudget(read: EnvReader): TokenBudgetSettings {
  const budget = {
    total: read.int('TOKEN_BUDGET_TOTAL', 20_000, { min: 256, max: 10_000_000 }),
    systemShare: read.number('TOKEN_BUDGET_SYSTEM_SHARE', 0.1, { min: 0, max: 1 }),
    memoryShare: read.number('TOKEN_BUDGET_MEMORY_SHARE', 0.1, { min: 0, max: 1 }),
    reserveShare: read.number('TOKEN_BUDGET_RESERVE_SHARE', 0.2, { min: 0, max: 1 }),
  };
  if (budget.systemShare + budget.memoryShare + budget.reserveShare >= 1) {
    throw new ConfigError('TOKEN_BUDGET_SYSTEM_SHARE + TOKEN_BUDGET_MEMORY_SHARE + TOKEN_BUDGET_RESERVE_SHARE must leave a share for history (sum < 1)');
  }
  return budget;
}

function readLlm(read: EnvReader): LlmSettings {
  const baseUrl = read.optionalString('LLM_BASE_URL');
  const apiKey = read.optionalString('LLM_API_KEY');
  const configured = baseUrl !== null || apiKey !== null;
  const provider = read.oneOf('LLM_PROVIDER', ['openai', 'offline'] as const, configured ? 'openai' : 'offline');
  if (baseUrl !== null && !/^https?:\/\//.test(baseUrl)) throw new ConfigError(`LLM_BASE_URL must be an http(s) URL, got "${baseUrl}"`);
  const model = read.string('LLM_MODEL', provider === 'offline' ? OFFLINE_MODEL : 'gpt-4o-mini');
  const listed = (read.optionalString('LLM_MODELS') ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  return {
    provider,
    baseUrl,
    apiKey,
    model,
    models: [...new Set([model, ...listed])],
    timeoutMs: read.int('LLM_TIMEOUT_MS', 30_000, { min: 100, max: 600_000 }),
    streamIdleMs: read.int('LLM_STREAM_IDLE_MS', 15_000, { min: 100, max: 600_000 }),
    maxRetries: read.int('LLM_MAX_RETRIES', 2, { min: 0, max: 2 }),
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

  number(name: string, fallback: number, range: { min: number; max: number }): number {
    return this.optionalNumber(name, range) ?? fallback;
  }

  optionalNumber(name: string, range: { min: number; max: number }): number | null {
    const raw = this.optionalString(name);
    if (raw === null) return null;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < range.min || value > range.max) {
      throw new ConfigError(`${name} must be a number from ${range.min} to ${range.max}, got "${raw}"`);
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

/**
 * CORS_ORIGINS: comma-separated origins (scheme://host[:port]). Never `*`: the API answers
 * with credentials (the visitor cookie), so any site could read a visitor's conversations.
 */
function readOrigins(raw: string | null): string[] {
  if (!raw) return [];
  const origins = raw.split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s*]+$/.test(origin)) {
      throw new ConfigError(`CORS_ORIGINS must list origins such as https://app.example.com (no path), got "${origin}"`);
    }
  }
  return origins;
}

/**
 * TRUST_PROXY: whose X-Forwarded-For to believe. By default the proxies a load balancer
 * normally is (loopback and private networks); `true` believes anyone, which lets a client
 * pick its own IP address and so escape its rate limit.
 */
function readTrustProxy(raw: string | null): boolean | string {
  if (raw === null) return 'loopback,linklocal,uniquelocal';
  return raw === 'true' || raw === 'false' ? raw === 'true' : raw;
}
