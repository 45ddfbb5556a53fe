import { Owner } from '@/session/owner';
import { MemoryItem } from './context-assembler';

/**
 * Where the memory tier comes from (profile facts now, summaries later). Modules that
 * know something about the user provide one under MEMORY_SOURCES; with none, the memory
 * tier stays empty and its budget flows to history.
 */
export interface MemorySource {
  memoryFor(owner: Owner, sessionId: string): Promise<MemoryItem[]>;
}

export const MEMORY_SOURCES = Symbol('MEMORY_SOURCES');
