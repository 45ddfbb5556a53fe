import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { LlmSettings } from '@/common/config/app-config';
import { LlmEvent, LlmMessage, LlmProvider, LlmRequest, LlmUsage } from './llm-provider';
import { LlmError } from './llm-error';
import { toLlmError } from './openai-error.mapper';

const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** Local servers (Ollama, vLLM, llama.cpp) ignore the key, but the SDK insists on one. */
const PLACEHOLDER_API_KEY = 'not-needed';
/** The SDK's own timer only covers the wait for headers; ResilientLlm enforces the real deadlines. */
const SDK_TIMEOUT_MS = 15 * 60_000;

/** Any server speaking the OpenAI chat-completions wire format, through the official SDK. */
export class OpenAiProvider implements LlmProvider {
  readonly name = 'openai';
  private readonly client: OpenAI;

  constructor(private readonly settings: Pick<LlmSettings, 'baseUrl' | 'apiKey'>) {
    this.client = new OpenAI({
      baseURL: settings.baseUrl ?? OPENAI_BASE_URL,
      apiKey: settings.apiKey ?? PLACEHOLDER_API_KEY,
      maxRetries: 0,
      timeout: SDK_TIMEOUT_MS,
    });
  }

  async *stream(request: LlmRequest): AsyncGenerator<LlmEvent> {
    try {
      yield* this.events(request);
    } catch (error) {
      throw toLlmError(error, request.signal, this.settings.apiKey);
    }
    // The SDK ends an aborted stream quietly instead of throwing.
    if (request.signal.aborted) throw new LlmError('aborted', 'model call aborted');
  }

  private async *events(request: LlmRequest): AsyncGenerator<LlmEvent> {
    const chunks = await this.client.chat.completions.create(
      {
        model: request.model,
        messages: request.messages.map(toOpenAiMessage),
        stream: true,
        stream_options: { include_usage: true },
        ...replyLimit(request),
      },
      { signal: request.signal },
    );
    let model: string | undefined;
    let usage: LlmUsage | undefined;
    let finish: string | undefined;
    for await (const chunk of chunks) {
      if (model === undefined && chunk.model) yield { type: 'model', model: (model = chunk.model) };
      const text = chunk.choices[0]?.delta?.content;
      if (text) yield { type: 'delta', text };
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = usageOf(chunk) ?? usage;
    }
    if (finish) yield { type: 'finish', reason: finish };
    // Some servers repeat usage on every chunk; the caller gets the last word, once.
    if (usage) yield { type: 'usage', usage };
  }
}

function usageOf(chunk: ChatCompletionChunk): LlmUsage | undefined {
  if (!chunk.usage) return undefined;
  return { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
}

function toOpenAiMessage(message: LlmMessage): ChatCompletionMessageParam {
  const { role, content, tool_calls, tool_call_id } = message;
  return {
    role,
    content,
    ...(tool_calls === undefined ? {} : { tool_calls }),
    ...(tool_call_id === undefined ? {} : { tool_call_id }),
  } as ChatCompletionMessageParam;
}

/**
 * OpenAI's reasoning models (o1, o3, o4, gpt-5) refuse `max_tokens` and want
 * `max_completion_tokens`; other OpenAI-compatible servers know only `max_tokens`.
 */
function replyLimit(request: LlmRequest): { max_tokens?: number; max_completion_tokens?: number } {
  if (request.maxTokens === undefined) return {};
  const name = request.model.toLowerCase().split('/').pop() ?? '';
  return /^(o\d|gpt-5)/.test(name) ? { max_completion_tokens: request.maxTokens } : { max_tokens: request.maxTokens };
}
