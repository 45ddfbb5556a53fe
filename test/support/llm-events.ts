import { LlmError } from '@/chat/llm/llm-error';
import { LlmEvent, LlmRequest } from '@/chat/llm/llm-provider';

/** A one-message request to the fake model, with overrides. */
export function request(overrides: Partial<LlmRequest> = {}): LlmRequest {
  return { model: 'fake-model-1', messages: [{ role: 'user', content: 'Hi' }], signal: new AbortController().signal, ...overrides };
}

export async function collect(events: AsyncIterable<LlmEvent>): Promise<LlmEvent[]> {
  const collected: LlmEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

/** The events up to the failure, and the failure; throws if the stream ends normally. */
export async function collectUntilFailure(events: AsyncIterable<LlmEvent>): Promise<{ events: LlmEvent[]; error: unknown }> {
  const collected: LlmEvent[] = [];
  try {
    for await (const event of events) collected.push(event);
  } catch (error) {
    return { events: collected, error };
  }
  throw new Error(`expected a failure, got ${JSON.stringify(collected)}`);
}

export async function failure(events: AsyncIterable<LlmEvent>): Promise<LlmError> {
  const { error } = await collectUntilFailure(events);
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
}
