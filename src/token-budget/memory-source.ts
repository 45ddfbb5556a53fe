import { Injectable } from '@nestjs/common';
import { Owner } from '@/session/owner';
import { MemoryItem } from './context-assembler';

/** Something that knows about the caller (profile facts now, summaries later) and gives the memory tier items. */
export interface MemorySource {
  memoryFor(owner: Owner, sessionId: string): Promise<MemoryItem[]>;
}

/**
 * The memory tier's sources, registered at start by the modules that have them (the profile
 * module registers its own in onModuleInit). The registry lives here so that those modules
 * depend on token-budget and not the other way round; with no source, the memory tier stays
 * empty and its budget flows to history. Items come in registration order, each source's in its own.
 */
@Injectable()
export class MemorySources {
  private readonly sources: MemorySource[] = [];

  register(source: MemorySource): void {
    this.sources.push(source);
  }

  async memoryFor(owner: Owner, sessionId: string): Promise<MemoryItem[]> {
    if (this.sources.length === 0) return [];
    return (await Promise.all(this.sources.map((source) => source.memoryFor(owner, sessionId)))).flat();
  }
}
