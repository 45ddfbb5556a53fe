import fc from 'fast-check';
import { loadConfig } from '@/common/config/app-config';
import { HistoryMessage } from '@/message/history-message';
import { assembleContext, TextMeasure } from './context-assembler';
import { TierAllocation } from './token-budget.config';
import { MESSAGE_OVERHEAD_TOKENS, REPLY_PRIMING_TOKENS, TokenCounter } from '@/common/tokenizer/token-counter';

const counter = new TokenCounter(loadConfig({}));
const measure: TextMeasure = { count: (text) => counter.count(text), truncate: (text, max) => counter.truncate(text, max) };

let seq = 0;
function message(role: HistoryMessage['role'], content: string, extra: Partial<HistoryMessage> = {}): HistoryMessage {
  seq += 1;
  const toolCalls = extra.toolCalls ?? null;
  return { id: `m${seq}`, seq, role, content, toolCalls, toolCallId: null, tokenCount: counter.countMessage(content, toolCalls), ...extra };
}

function allocation(total: number, shares = { system: 0.1, memory: 0.1, reserve: 0.2 }): TierAllocation {
  const system = Math.floor(total * shares.system);
  const memory = Math.floor(total * shares.memory);
  const reserve = Math.floor(total * shares.reserve);
  return { total, system, memory, reserve, history: total - system - memory - reserve };
}

/** What the assembled messages really cost, counted afresh. */
function recount(messages: { content: string; toolCalls?: unknown[] }[]): number {
  return messages.reduce((sum, m) => sum + counter.countMessage(m.content, m.toolCalls) + MESSAGE_OVERHEAD_TOKENS, REPLY_PRIMING_TOKENS);
}

describe('assembleContext', () => {
  it('puts the system prompt, then memory, then the newest history that fits, oldest first', () => {
    const history = [message('user', 'one '.repeat(900)), message('assistant', 'two'), message('user', 'three')];
    const context = assembleContext({
      allocation: allocation(1000),
      systemPrompt: 'Be brief.',
      memory: [{ id: 'p1', text: 'Name: Ada' }],
      history,
      measure,
    });
    expect(context.messages.map((m) => m.role)).toEqual(['system', 'system', 'assistant', 'user']);
    expect(context.messages[1].content).toContain('Name: Ada');
    expect(context.manifest).toMatchObject({ messageIds: [history[1].id, history[2].id], omittedMessages: 1, memoryItemIds: ['p1'] });
    expect(context.totalTokens).toBe(recount(context.messages));
  });

  it('lets unused system and memory budget flow to history', () => {
    const history = Array.from({ length: 100 }, (_, i) => message(i % 2 ? 'assistant' : 'user', `message number ${i} `.repeat(5)));
    const lean = assembleContext({ allocation: allocation(2000), systemPrompt: '', memory: [], history, measure });
    expect(lean.tiers.history.used).toBeGreaterThan(lean.tiers.history.allocated);
    expect(lean.totalTokens).toBeLessThanOrEqual(2000 - 400);
  });

  it('never separates a tool call from its results', () => {
    const call = message('assistant', '', { toolCalls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{}' } }] });
    const result = message('tool', 'x '.repeat(200), { toolCallId: 'c1' });
    const history = [message('user', 'look it up'), call, result, message('assistant', 'done')];
    const budget = history[3].tokenCount + result.tokenCount + MESSAGE_OVERHEAD_TOKENS * 2 + 5;
    const tight = assembleContext({ allocation: { total: budget + REPLY_PRIMING_TOKENS, system: 0, memory: 0, reserve: 0, history: budget }, systemPrompt: '', memory: [], history, measure });
    expect(tight.messages.map((m) => m.messageId)).toEqual([history[3].id]);
  });

  it('leaves out a tool call whose results are missing', () => {
    const call = message('assistant', '', { toolCalls: [{ id: 'c1' }, { id: 'c2' }] });
    const history = [message('user', 'hi'), call, message('tool', 'one', { toolCallId: 'c1' }), message('user', 'next')];
    const context = assembleContext({ allocation: allocation(1000), systemPrompt: '', memory: [], history, measure });
    expect(context.messages.map((m) => m.content)).toEqual(['hi', 'next']);
  });

  it('drops a tool result whose call was pruned', () => {
    const history = [message('tool', 'orphan', { toolCallId: 'gone' }), message('user', 'hi')];
    const context = assembleContext({ allocation: allocation(1000), systemPrompt: '', memory: [], history, measure });
    expect(context.messages.map((m) => m.role)).toEqual(['user']);
    expect(context.manifest.omittedMessages).toBe(1);
  });

  it('shortens an oversized newest message with a marker instead of dropping it', () => {
    const huge = message('user', 'lorem ipsum dolor '.repeat(3000));
    const context = assembleContext({ allocation: allocation(1000), systemPrompt: 'sys', memory: [], history: [huge], measure });
    expect(context.messages[1].content).toMatch(/truncated: this message had \d+ tokens/);
    expect(context.manifest.truncatedMessageIds).toEqual([huge.id]);
    expect(context.totalTokens).toBeLessThanOrEqual(800);
    expect(context.totalTokens).toBe(recount(context.messages));
  });

  describe('for any history and budget', () => {
    const text = fc.array(fc.constantFrom('the ', 'memory ', 'of ', 'Continuum ', 'é ', '漢字 ', '\n', '42 ', 'tool '), { maxLength: 600 }).map((words) => words.join(''));
    const unit = fc.oneof(
      fc.record({ kind: fc.constant('user' as const), content: text }),
      fc.record({ kind: fc.constant('assistant' as const), content: text }),
      fc.record({ kind: fc.constant('tools' as const), content: text, results: fc.array(text, { minLength: 1, maxLength: 3 }) }),
      fc.record({ kind: fc.constant('orphan' as const), content: text }),
      fc.record({ kind: fc.constant('dangling' as const), content: text, results: fc.array(text, { maxLength: 2 }) }),
    );
    const histories = fc.array(unit, { maxLength: 60 }).map((units) => {
      const messages: HistoryMessage[] = [];
      units.forEach((u, i) => {
        if (u.kind === 'dangling') {
          const calls = [0, 1, 2].map((r) => ({ id: `open_${i}_${r}`, type: 'function' }));
          messages.push(message('assistant', u.content, { toolCalls: calls }));
          u.results.forEach((r, k) => messages.push(message('tool', r || 'ok', { toolCallId: calls[k].id })));
        } else if (u.kind === 'tools') {
          const calls = u.results.map((_, r) => ({ id: `call_${i}_${r}`, type: 'function', function: { name: 'f', arguments: '{}' } }));
          messages.push(message('assistant', u.content, { toolCalls: calls }));
          u.results.forEach((r, k) => messages.push(message('tool', r || 'ok', { toolCallId: calls[k].id })));
        } else if (u.kind === 'orphan') {
          messages.push(message('tool', u.content || 'x', { toolCallId: `missing_${i}` }));
        } else {
          messages.push(message(u.kind, u.content || '.'));
        }
      });
      return messages;
    });
    const shares = fc.record({ system: fc.double({ min: 0, max: 0.3, noNaN: true }), memory: fc.double({ min: 0, max: 0.3, noNaN: true }), reserve: fc.double({ min: 0, max: 0.3, noNaN: true }) });
    const memory = fc.array(fc.record({ id: fc.uuid(), text }), { maxLength: 5 });

    it('fits the total, counts exactly, stays chronological and keeps tool pairs together', () => {
      fc.assert(
        fc.property(histories, fc.integer({ min: 256, max: 30_000 }), shares, text, memory, (history, total, tierShares, systemPrompt, items) => {
          const tiers = allocation(total, tierShares);
          const context = assembleContext({ allocation: tiers, systemPrompt, memory: items, history, measure });

          expect(context.totalTokens).toBeLessThanOrEqual(tiers.total - tiers.reserve);
          expect(recount(context.messages)).toBe(context.totalTokens);

          const fromHistory = context.messages.filter((m) => m.messageId);
          const seqs = fromHistory.map((m) => m.seq!);
          expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
          fromHistory.forEach((m, i) => {
            if (m.role !== 'tool') return;
            const call = fromHistory.slice(0, i).reverse().find((c) => c.role !== 'tool');
            expect(call?.toolCalls?.some((c) => (c as { id: string }).id === m.toolCallId)).toBe(true);
          });
          for (const m of fromHistory.filter((c) => c.toolCalls?.length)) {
            for (const call of m.toolCalls as { id: string }[]) {
              expect(fromHistory.some((h) => h.role === 'tool' && h.toolCallId === call.id)).toBe(true);
            }
          }
        }),
        { numRuns: 150 },
      );
    });

    it('always includes the newest message when the history budget has room for a marker', () => {
      fc.assert(
        fc.property(histories, fc.integer({ min: 512, max: 30_000 }), (history, total) => {
          const last = history[history.length - 1];
          fc.pre(last !== undefined && last.role !== 'tool' && !last.toolCalls);
          const context = assembleContext({ allocation: allocation(total), systemPrompt: 'You help.', memory: [], history, measure });
          expect(context.messages.some((m) => m.messageId === last.id)).toBe(true);
        }),
        { numRuns: 100 },
      );
    });
  });
});
