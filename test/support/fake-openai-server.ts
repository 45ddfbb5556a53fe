import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
// The CommonJS build: TypeScript's classic node resolution does not read package exports.
import { countTokens } from 'gpt-tokenizer/cjs/encoding/o200k_base';

/**
 * A real HTTP server speaking the OpenAI chat-completions wire format, so tests run the
 * official SDK end to end. Each request takes the next queued behaviour, else the handler,
 * else a short default reply.
 */

export interface ChatCompletionBody {
  model?: string;
  messages?: { role: string; content?: string }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  max_tokens?: number;
  [field: string]: unknown;
}

export interface RecordedRequest {
  /** `performance.now()` when the body had arrived. */
  receivedAt: number;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body; empty when there was none or it was not JSON. */
  body: ChatCompletionBody;
  /** The client closed the connection before the response ended. */
  aborted: boolean;
  /** Settles when the connection closes: `aborted` by the client or `completed`. */
  outcome: Promise<'aborted' | 'completed'>;
}

export interface ReplyOptions {
  model?: string;
  /** Pause before each chunk after the first. */
  delayMs?: number;
  /** Send this many content chunks, then go silent with the connection open. */
  stallAfterChunks?: number;
  /** Send this many content chunks, then destroy the connection. */
  dropAfterChunks?: number;
  usage?: { promptTokens: number; completionTokens: number };
  /** Before sending chunk `chunk`, wait until `until` settles (a test's gate, to look at a stream mid-way). */
  holdBefore?: { chunk: number; until: Promise<unknown> };
}

export type FakeBehaviour =
  | { kind: 'reply'; chunks: string[]; options: ReplyOptions }
  | { kind: 'error'; status: number; message: string; headers: Record<string, string> }
  | { kind: 'stall'; sendHeaders: boolean };

export type FakeHandler = (request: RecordedRequest) => FakeBehaviour;

/** Answer with `text` (split into words) or with exactly these chunks; JSON when the request did not stream. */
export function reply(text: string | string[], options: ReplyOptions = {}): FakeBehaviour {
  const chunks = Array.isArray(text) ? text : (text.match(/\S+\s*/g) ?? []);
  return { kind: 'reply', chunks, options };
}

/** An OpenAI-style error; `retryAfter` becomes the Retry-After header. */
export function fail(status: number, options: { message?: string; retryAfter?: string; headers?: Record<string, string> } = {}): FakeBehaviour {
  const headers = { ...options.headers, ...(options.retryAfter === undefined ? {} : { 'retry-after': options.retryAfter }) };
  return { kind: 'error', status, message: options.message ?? `fake error ${status}`, headers };
}

/** Never answer; with `sendHeaders`, send the 200 and SSE headers, then nothing. */
export function stall(options: { sendHeaders?: boolean } = {}): FakeBehaviour {
  return { kind: 'stall', sendHeaders: options.sendHeaders ?? false };
}

export const FAKE_MODEL = 'fake-model-1';

export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: FakeBehaviour[] = [];
  private handler: FakeHandler = () => reply('Hello from the fake model.');
  private readonly closing = new AbortController();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeOpenAiServer> {
    const server = createServer();
    const fake = new FakeOpenAiServer(server);
    server.on('request', (req, res) => void fake.serve(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The base URL to give the SDK. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Behaviours for the next requests, in order. */
  enqueue(...behaviours: FakeBehaviour[]): this {
    this.queue.push(...behaviours);
    return this;
  }

  /** Decides for every request once the queue is empty. */
  handle(handler: FakeHandler): this {
    this.handler = handler;
    return this;
  }

  async close(): Promise<void> {
    this.closing.abort();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await this.record(req, res);
    if (req.method !== 'POST' || !request.path.endsWith('/chat/completions')) {
      return sendError(res, 404, `no route ${req.method} ${request.path}`, {});
    }
    const behaviour = this.queue.shift() ?? this.handler(request);
    try {
      await this.perform(behaviour, request, res);
    } catch {
      // A client that went away mid-answer, or the server closing: nothing left to tell anyone.
      res.destroy();
    }
  }

  private async record(req: IncomingMessage, res: ServerResponse): Promise<RecordedRequest> {
    const raw = await readBody(req);
    const request: RecordedRequest = {
      receivedAt: performance.now(),
      method: req.method ?? '',
      path: new URL(req.url ?? '/', 'http://fake').pathname,
      headers: req.headers,
      body: parseJson(raw),
      aborted: false,
      outcome: new Promise((resolve) => {
        res.on('close', () => {
          request.aborted = !res.writableFinished;
          resolve(request.aborted ? 'aborted' : 'completed');
        });
      }),
    };
    this.requests.push(request);
    return request;
  }

  private async perform(behaviour: FakeBehaviour, request: RecordedRequest, res: ServerResponse): Promise<void> {
    if (behaviour.kind === 'error') return sendError(res, behaviour.status, behaviour.message, behaviour.headers);
    if (behaviour.kind === 'stall') {
      if (behaviour.sendHeaders) startEventStream(res);
      return;
    }
    if (request.body.stream) return this.streamReply(behaviour.chunks, behaviour.options, request, res);
    sendJson(res, 200, completion(behaviour.chunks.join(''), behaviour.options, request));
  }

  private async streamReply(chunks: string[], options: ReplyOptions, request: RecordedRequest, res: ServerResponse): Promise<void> {
    const chunkOf = chunkFactory(options.model ?? FAKE_MODEL);
    startEventStream(res);
    writeEvent(res, chunkOf({ delta: { role: 'assistant', content: '' }, finish_reason: null }));
    for (const [index, content] of chunks.entries()) {
      if (index === options.stallAfterChunks) return;
      // Flush what was written, then cut the connection without ending the chunked body.
      if (index === options.dropAfterChunks) return void res.socket?.destroySoon();
      if (index > 0 && options.delayMs) await sleep(options.delayMs, undefined, { signal: this.closing.signal });
      if (index === options.holdBefore?.chunk) await options.holdBefore.until;
      if (res.destroyed) return;
      writeEvent(res, chunkOf({ delta: { content }, finish_reason: null }));
    }
    writeEvent(res, chunkOf({ delta: {}, finish_reason: 'stop' }));
    if (request.body.stream_options?.include_usage) {
      writeEvent(res, { ...chunkOf(null), choices: [], usage: usageOf(chunks.join(''), options, request) });
    }
    res.end('data: [DONE]\n\n');
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): ChatCompletionBody {
  try {
    return JSON.parse(raw) as ChatCompletionBody;
  } catch {
    return {};
  }
}

function startEventStream(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
}

function writeEvent(res: ServerResponse, data: object): void {
  res.write(`data: ${JSON.stringify(data)}\n\n`);
}

function sendJson(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string>): void {
  const type = status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error';
  sendJson(res, status, { error: { message, type, param: null, code: type } }, headers);
}

function chunkFactory(model: string): (choice: object | null) => object {
  const id = `chatcmpl-fake-${Math.random().toString(36).slice(2)}`;
  const created = Math.floor(Date.now() / 1000);
  return (choice) => ({ id, object: 'chat.completion.chunk', created, model, choices: choice ? [{ index: 0, ...choice }] : [] });
}

function completion(text: string, options: ReplyOptions, request: RecordedRequest): object {
  return {
    id: `chatcmpl-fake-${Math.random().toString(36).slice(2)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: options.model ?? FAKE_MODEL,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: usageOf(text, options, request),
  };
}

function usageOf(text: string, options: ReplyOptions, request: RecordedRequest): object {
  const messages = request.body.messages ?? [];
  const prompt = options.usage?.promptTokens ?? messages.reduce((sum, message) => sum + countTokens(message.content ?? ''), 0);
  const completionTokens = options.usage?.completionTokens ?? countTokens(text);
  return { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens };
}
