import { countTokens } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { OFFLINE_MODEL } from '@/common/config/app-config';
import { LlmError } from './llm-error';
import { LlmEvent, LlmMessage, LlmRequest } from './llm-provider';
import { OfflineProvider } from './offline.provider';

const CONVERSATION: LlmMessage[] = [
  { role: 'system', content: 'You are a helpful assistant.' },
  { role: 'user', content: 'My name is Ada and I keep bees.' },
  { role: 'assistant', content: 'Nice to meet you, Ada.' },
  { role: 'user', content: 'My favourite colour is teal.' },
  { role: 'assistant', content: 'Teal it is.' },
  { role: 'user', content: 'What do you remember about me?' },
];

describe('OfflineProvider', () => {
  const provider = new OfflineProvider();

  it('answers the same prompt with the same events', async () => {
    const first = await collect(provider.stream(request()));
    const second = await collect(new OfflineProvider().stream(request()));
    expect(second).toEqual(first);
  });

  it('answers a different prompt differently', async () => {
    const other = request({ messages: [{ role: 'user', content: 'Something else entirely.' }] });
    expect(textOf(await collect(provider.stream(other)))).not.toEqual(textOf(await collect(provider.stream(request()))));
  });

  it('restates the latest user message, then the earlier ones newest first, and names itself', async () => {
    const text = textOf(await collect(provider.stream(request())));
    expect(text).toContain('You said: "What do you remember about me?"');
    const colour = text.indexOf('"My favourite colour is teal."');
    const name = text.indexOf('"My name is Ada and I keep bees."');
    expect(colour).toBeGreaterThan(text.indexOf('Earlier you said'));
    expect(name).toBeGreaterThan(colour);
    expect(text).toContain(OFFLINE_MODEL);
  });

  it('says so when nothing earlier from the user is in its context', async () => {
    const text = textOf(await collect(provider.stream(request({ messages: [{ role: 'user', content: 'Hi' }] }))));
    expect(text).toContain('You said: "Hi"');
    expect(text).toContain('nothing earlier');
  });

  it('trims long messages', async () => {
    const long = 'word '.repeat(200);
    const text = textOf(await collect(provider.stream(request({ messages: [{ role: 'user', content: long }] }))));
    expect(text.length).toBeLessThan(long.length);
    expect(text).toContain('…"');
  });

  it('streams word by word: model first, several deltas, usage last', async () => {
    const events = await collect(provider.stream(request()));
    expect(events[0]).toEqual({ type: 'model', model: OFFLINE_MODEL });
    const deltas = events.filter((event) => event.type === 'delta');
    expect(deltas.length).toBeGreaterThan(10);
    for (const delta of deltas) expect(delta.text.trim()).not.toContain(' ');
    expect(events[events.length - 1].type).toBe('usage');
  });

  it('reports usage in o200k tokens of the prompt and of the answer', async () => {
    const events = await collect(provider.stream(request()));
    const usage = events.find((event) => event.type === 'usage');
    const promptTokens = CONVERSATION.reduce((sum, message) => sum + countTokens(message.content), 0);
    expect(usage).toEqual({ type: 'usage', usage: { promptTokens, completionTokens: countTokens(textOf(events)) } });
    expect(promptTokens).toBeGreaterThan(0);
    expect(countTokens(textOf(events))).toBeGreaterThan(0);
  });

  it('keeps the answer within maxTokens', async () => {
    const events = await collect(provider.stream(request({ maxTokens: 5 })));
    expect(countTokens(textOf(events))).toBeLessThanOrEqual(5);
    expect(events.find((event) => event.type === 'usage')).toMatchObject({ usage: { completionTokens: countTokens(textOf(events)) } });
  });

  it('stops with aborted when the signal fires mid-answer', async () => {
    const controller = new AbortController();
    const seen: LlmEvent[] = [];
    const run = async (): Promise<void> => {
      for await (const event of provider.stream(request({ signal: controller.signal }))) {
        seen.push(event);
        if (event.type === 'delta') controller.abort();
      }
    };
    await expect(run()).rejects.toEqual(expect.objectContaining({ kind: 'aborted' }));
    await expect(run()).rejects.toBeInstanceOf(LlmError);
    expect(seen.filter((event) => event.type === 'delta')).toHaveLength(1);
  });
});

function request(overrides: Partial<LlmRequest> = {}): LlmRequest {
  return { model: OFFLINE_MODEL, messages: CONVERSATION, signal: new AbortController().signal, ...overrides };
}

function textOf(events: LlmEvent[]): string {
  return events.map((event) => (event.type === 'delta' ? event.text : '')).join('');
}

async function collect(events: AsyncIterable<LlmEvent>): Promise<LlmEvent[]> {
  const collected: LlmEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}
