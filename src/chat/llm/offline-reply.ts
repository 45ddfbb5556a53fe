import { OFFLINE_MODEL } from '@/common/config/app-config';
import { LlmMessage } from './llm-provider';

const QUOTE_MAX_CHARS = 100;
const EARLIER_QUOTES_MAX = 10;

/**
 * What the offline model answers: it restates what the user said, newest first, from the
 * prompt alone, so whatever Continuum kept (or trimmed) from the history shows in the reply.
 */
export function composeOfflineReply(messages: LlmMessage[]): string {
  const said = messages.filter((message) => message.role === 'user').map((message) => quote(message.content)).reverse();
  const [latest, ...earlier] = said;
  return [
    `I am ${OFFLINE_MODEL}, the offline development model: no network, no API key, I only repeat what my context holds.`,
    latest === undefined ? 'You have not said anything yet.' : `You said: ${latest}.`,
    describeEarlier(earlier),
    describeContext(messages),
  ].join(' ');
}

function describeEarlier(earlier: string[]): string {
  if (earlier.length === 0) return 'I see nothing earlier from you in my context.';
  const listed = earlier.slice(0, EARLIER_QUOTES_MAX).join('; ');
  const more = earlier.length - EARLIER_QUOTES_MAX;
  return `Earlier you said, newest first: ${listed}${more > 0 ? `; and ${more} more` : ''}.`;
}

function describeContext(messages: LlmMessage[]): string {
  const count = (role: LlmMessage['role']): number => messages.filter((message) => message.role === role).length;
  return `My context holds ${messages.length} messages (${count('system')} system, ${count('user')} from you, ${count('assistant')} from me).`;
}

function quote(content: string): string {
  const text = content.replace(/\s+/g, ' ').trim();
  return `"${text.length > QUOTE_MAX_CHARS ? `${text.slice(0, QUOTE_MAX_CHARS - 1)}…` : text}"`;
}
