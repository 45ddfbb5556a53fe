import { HistoryMessage } from '@/message/history-message';
import { MessageRole } from '@/message/message.entity';
import { TierAllocation } from './token-budget.config';
import { MESSAGE_OVERHEAD_TOKENS, REPLY_PRIMING_TOKENS } from '@/common/tokenizer/token-counter';

/** A fact the model should know (profile facts, later summaries), highest priority first. */
export interface MemoryItem {
  id: string;
  text: string;
}

export interface ContextMessage {
  role: MessageRole;
  content: string;
  toolCalls?: unknown[];
  toolCallId?: string;
  /** The stored message it comes from; absent for the system prompt and memory. */
  messageId?: string;
  seq?: number;
}

export interface TierUse {
  allocated: number;
  used: number;
}

export interface ContextManifest {
  messageIds: string[];
  seqFrom: number | null;
  seqTo: number | null;
  truncatedMessageIds: string[];
  /** Stored messages left out: older than what fit, or tool results whose call is gone. */
  omittedMessages: number;
  memoryItemIds: string[];
  tokens: { system: number; memory: number; history: number; priming: number; total: number };
}

export interface AssembledContext {
  messages: ContextMessage[];
  tiers: { system: TierUse; memory: TierUse; history: TierUse; reserve: { allocated: number } };
  /** Everything sent to the model; never more than allocation.total - allocation.reserve. */
  totalTokens: number;
  manifest: ContextManifest;
}

/** Counting and cutting text in the model's encoding. */
export interface TextMeasure {
  count(text: string): number;
  truncate(text: string, maxTokens: number): { text: string; tokens: number };
}

export interface ContextInput {
  allocation: TierAllocation;
  systemPrompt: string;
  memory: MemoryItem[];
  /** Chronological. Its stored token counts are trusted: history is never re-tokenized. */
  history: HistoryMessage[];
  measure: TextMeasure;
}

interface Fitted<T> {
  value: T;
  tokens: number;
}

/**
 * The system prompt, then memory, then the newest history that fits, oldest first.
 * Whatever the system and memory tiers leave unused flows to history; the reply reserve
 * is never touched, so the whole context always fits the total.
 */
export function assembleContext(input: ContextInput): AssembledContext {
  const { allocation } = input;
  const system = fitSystemPrompt(input.systemPrompt, allocation.system, input.measure);
  const memory = fitMemory(input.memory, allocation.memory, input.measure);
  const historyBudget = allocation.total - allocation.reserve - system.tokens - memory.tokens - REPLY_PRIMING_TOKENS;
  const history = fitHistory(input.history, historyBudget, input.measure);
  const totalTokens = system.tokens + memory.tokens + history.tokens + REPLY_PRIMING_TOKENS;
  const included = history.value.messages;
  return {
    messages: [...system.value, ...memory.value.messages, ...included],
    tiers: {
      system: { allocated: allocation.system, used: system.tokens },
      memory: { allocated: allocation.memory, used: memory.tokens },
      history: { allocated: allocation.history, used: history.tokens },
      reserve: { allocated: allocation.reserve },
    },
    totalTokens,
    manifest: {
      messageIds: included.map((message) => message.messageId!),
      seqFrom: included[0]?.seq ?? null,
      seqTo: included[included.length - 1]?.seq ?? null,
      truncatedMessageIds: history.value.truncatedIds,
      omittedMessages: input.history.length - included.length,
      memoryItemIds: memory.value.itemIds,
      tokens: { system: system.tokens, memory: memory.tokens, history: history.tokens, priming: REPLY_PRIMING_TOKENS, total: totalTokens },
    },
  };
}

function fitSystemPrompt(prompt: string, allocated: number, measure: TextMeasure): Fitted<ContextMessage[]> {
  if (prompt.length === 0) return { value: [], tokens: 0 };
  const fitted = measure.truncate(prompt, allocated - MESSAGE_OVERHEAD_TOKENS);
  if (fitted.text.length === 0) return { value: [], tokens: 0 };
  return { value: [{ role: 'system', content: fitted.text }], tokens: fitted.tokens + MESSAGE_OVERHEAD_TOKENS };
}

/** Memory items in priority order, as many as fit whole, as one system message. */
function fitMemory(items: MemoryItem[], allocated: number, measure: TextMeasure): Fitted<{ messages: ContextMessage[]; itemIds: string[] }> {
  const header = 'What you know about the user from earlier conversations:';
  let best: Fitted<{ messages: ContextMessage[]; itemIds: string[] }> = { value: { messages: [], itemIds: [] }, tokens: 0 };
  const lines: string[] = [];
  for (const item of items) {
    const content = [header, ...lines, `- ${item.text}`].join('\n');
    const tokens = measure.count(content) + MESSAGE_OVERHEAD_TOKENS;
    if (tokens > allocated) break;
    lines.push(`- ${item.text}`);
    best = { value: { messages: [{ role: 'system', content }], itemIds: [...best.value.itemIds, item.id] }, tokens };
  }
  return best;
}

/** An assistant message that calls tools travels with the tool results that answer it. */
type Unit = HistoryMessage[];

function fitHistory(history: HistoryMessage[], budget: number, measure: TextMeasure): Fitted<{ messages: ContextMessage[]; truncatedIds: string[] }> {
  const units = groupToolCalls(history);
  const taken: ContextMessage[][] = [];
  const truncatedIds: string[] = [];
  let remaining = budget;
  for (let i = units.length - 1; i >= 0; i--) {
    const unit = units[i];
    const tokens = unitTokens(unit);
    if (tokens <= remaining) {
      taken.unshift(unit.map(toContextMessage));
      remaining -= tokens;
      continue;
    }
    // The newest unit is the turn being answered: shorten it rather than drop it.
    if (taken.length === 0) {
      const shortened = shortenUnit(unit, remaining, measure);
      if (shortened) {
        taken.unshift(shortened.value);
        truncatedIds.push(...unit.filter((m, index) => shortened.value[index].content !== m.content).map((m) => m.id));
        remaining -= shortened.tokens;
      }
    }
    break;
  }
  return { value: { messages: taken.flat(), truncatedIds }, tokens: budget - remaining };
}

function unitTokens(unit: Unit): number {
  return unit.reduce((sum, message) => sum + message.tokenCount + MESSAGE_OVERHEAD_TOKENS, 0);
}

/**
 * Splits history into units: single messages, or an assistant tool-call message with the
 * tool results that follow it. Models reject a tool result without its call and a call
 * without all its results, so a result whose call was pruned is left out, and so is a
 * call whose results are missing (still running, or never stored).
 */
function groupToolCalls(history: HistoryMessage[]): Unit[] {
  return collectUnits(history).filter(isAnswered);
}

function isAnswered(unit: Unit): boolean {
  const [first, ...results] = unit;
  if (!(first.role === 'assistant' && first.toolCalls?.length)) return true;
  const callIds = toolCallIds(first.toolCalls);
  if (callIds.size === 0) return results.length > 0;
  return [...callIds].every((id) => results.some((result) => result.toolCallId === id));
}

function collectUnits(history: HistoryMessage[]): Unit[] {
  const units: Unit[] = [];
  let open: { unit: Unit; callIds: Set<string> } | null = null;
  for (const message of history) {
    if (message.role === 'tool') {
      if (open && (open.callIds.size === 0 || open.callIds.has(message.toolCallId ?? ''))) open.unit.push(message);
      continue;
    }
    open = null;
    const unit = [message];
    units.push(unit);
    if (message.role === 'assistant' && message.toolCalls?.length) open = { unit, callIds: toolCallIds(message.toolCalls) };
  }
  return units;
}

function toolCallIds(toolCalls: unknown[]): Set<string> {
  const ids = toolCalls.map((call) => (call as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string');
  return new Set(ids);
}

/** Cuts the contents of a unit evenly until it fits; null when even its skeleton does not. */
function shortenUnit(unit: Unit, budget: number, measure: TextMeasure): Fitted<ContextMessage[]> | null {
  const fixed = unit.reduce((sum, m) => sum + MESSAGE_OVERHEAD_TOKENS + (m.toolCalls?.length ? measure.count(JSON.stringify(m.toolCalls)) : 0), 0);
  const perMessage = Math.floor((budget - fixed) / unit.length);
  if (perMessage < 0) return null;
  let tokens = fixed;
  const messages = unit.map((message) => {
    const contentTokens = message.tokenCount - (message.toolCalls?.length ? measure.count(JSON.stringify(message.toolCalls)) : 0);
    if (contentTokens <= perMessage) {
      tokens += contentTokens;
      return toContextMessage(message);
    }
    const cut = measure.truncate(message.content, perMessage);
    tokens += cut.tokens;
    return { ...toContextMessage(message), content: cut.text };
  });
  return tokens <= budget ? { value: messages, tokens } : null;
}

function toContextMessage(message: HistoryMessage): ContextMessage {
  const result: ContextMessage = { role: message.role, content: message.content, messageId: message.id, seq: message.seq };
  if (message.toolCalls?.length) result.toolCalls = message.toolCalls;
  if (message.toolCallId) result.toolCallId = message.toolCallId;
  return result;
}
