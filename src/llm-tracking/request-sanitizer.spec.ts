import { isSecretKey, redactSecrets, REDACTED, sanitizeRequest } from './request-sanitizer';

const API_KEY = 'sk-proj-Zx81LmQ0aB7cD9eF2gH4iJ6kL8mN0pQ2';
const CUSTOM_KEY = 'local-gateway-key-6f1e2d3c';

describe('sanitizeRequest', () => {
  it('never keeps an API key or an Authorization header, at any depth', () => {
    const request = {
      url: 'https://api.openai.com/v1/chat/completions',
      headers: { Authorization: `Bearer ${API_KEY}`, 'x-api-key': API_KEY, 'Content-Type': 'application/json' },
      body: { model: 'gpt-4o-mini', api_key: API_KEY, max_tokens: 512, extra: [{ nested: { apiKey: API_KEY, password: 'hunter2hunter2' } }] },
    };
    const stored = sanitizeRequest(request, { secrets: [API_KEY] });
    const text = JSON.stringify(stored);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain('hunter2');
    expect(text.toLowerCase()).not.toContain('authorization');
    expect(stored).toEqual({
      url: 'https://api.openai.com/v1/chat/completions',
      headers: { 'Content-Type': 'application/json' },
      body: { model: 'gpt-4o-mini', max_tokens: 512, extra: [{ nested: {} }] },
    });
  });

  it('redacts keys and bearer tokens that appear inside text', () => {
    const request = { messages: [{ role: 'user', content: `my key is ${API_KEY} and my token Bearer abc.def.ghijklmnop, thanks` }] };
    const content = (sanitizeRequest(request) as { messages: { content: string }[] }).messages[0].content;
    expect(content).toBe(`my key is ${REDACTED} and my token Bearer ${REDACTED}, thanks`);
  });

  it('redacts the configured LLM_API_KEY wherever it appears, whatever its format', () => {
    const stored = sanitizeRequest({ note: `key=${CUSTOM_KEY};`, [CUSTOM_KEY]: 1 }, { secrets: [CUSTOM_KEY] });
    expect(JSON.stringify(stored)).not.toContain(CUSTOM_KEY);
    expect(stored).toEqual({ note: `key=${REDACTED};`, [REDACTED]: 1 });
  });

  it('cuts long strings and says how much was cut', () => {
    const stored = sanitizeRequest({ content: 'a'.repeat(2_500) }, { maxStringChars: 2_000 }) as { content: string };
    expect(stored.content).toBe('a'.repeat(2_000) + '…[truncated 500 chars]');
    expect((sanitizeRequest({ content: 'short' }) as { content: string }).content).toBe('short');
  });

  it('gives JSON that PostgreSQL stores: no \\u0000, no lone surrogates, no undefined', () => {
    const stored = sanitizeRequest({ a: 'x\u0000y', b: '\uD83D', c: undefined, d: () => 1, e: NaN, f: 10n, g: new Date(0) });
    expect(stored).toEqual({ a: 'x\uFFFDy', b: '\uFFFD', e: null, f: '10', g: '1970-01-01T00:00:00.000Z' });
  });

  it('keeps a surrogate pair whole when it does not straddle the cut', () => {
    expect(sanitizeRequest('😀ok')).toBe('😀ok');
  });
});

describe('isSecretKey', () => {
  it.each(['Authorization', 'proxy-authorization', 'api_key', 'apiKey', 'APIKey', 'x-api-key', 'OPENAI_API_KEY', 'client_secret', 'password', 'access_token', 'token', 'refreshToken', 'Cookie', 'set-cookie', 'private_key'])(
    'drops %s',
    (key) => expect(isSecretKey(key)).toBe(true),
  );

  it.each(['max_tokens', 'maxTokens', 'prompt_tokens', 'token_count', 'tokensPerTier', 'model', 'key', 'content', 'stream_options'])('keeps %s', (key) =>
    expect(isSecretKey(key)).toBe(false),
  );
});

describe('redactSecrets', () => {
  it('redacts provider keys in an error message without touching ordinary words', () => {
    expect(redactSecrets(`Incorrect API key provided: ${API_KEY}.`)).toBe(`Incorrect API key provided: ${REDACTED}.`);
    expect(redactSecrets('risk-assessment and task-force')).toBe('risk-assessment and task-force');
  });
});
