import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { LLM_PROVIDER, LlmProvider } from './llm-provider';
import { OfflineProvider } from './offline.provider';
import { OpenAiProvider } from './openai.provider';
import { ResilientLlm } from './resilient-llm';

/** The configured provider: a real model over HTTP, or the offline one when none is configured. */
export function createLlmProvider(config: AppConfig): LlmProvider {
  return config.llm.provider === 'openai' ? new OpenAiProvider(config.llm) : new OfflineProvider();
}

/** `LLM_PROVIDER` (one attempt, no deadlines) and `ResilientLlm` (what callers should use). */
export const llmProviders: Provider[] = [
  { provide: LLM_PROVIDER, useFactory: createLlmProvider, inject: [APP_CONFIG] },
  {
    provide: ResilientLlm,
    useFactory: (provider: LlmProvider, config: AppConfig): ResilientLlm => new ResilientLlm(provider, config.llm),
    inject: [LLM_PROVIDER, APP_CONFIG],
  },
];
