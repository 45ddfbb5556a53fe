import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SessionEntity } from '@/session/session.entity';

export type UsageSource = 'provider' | 'counted';
export type LlmCallStatus = 'ok' | 'error' | 'truncated';

/**
 * One model call: what was sent (sanitized), what it used and what it cost. The table is
 * partitioned by month of created_at (see the ledger-partitions job), hence the primary key
 * (id, created_at); TypeORM sees the parent table only.
 */
@Entity('llm_requests')
@Index('idx_llm_requests_session_created', ['sessionId', 'createdAt'])
@Index('idx_llm_requests_created', ['createdAt'])
@Index('idx_llm_requests_owner_created', ['ownerId', 'createdAt'])
@Check('llm_requests_prompt_tokens_check', 'prompt_tokens >= 0')
@Check('llm_requests_completion_tokens_check', 'completion_tokens >= 0')
@Check('llm_requests_total_tokens_check', 'total_tokens >= 0')
@Check('llm_requests_usage_source_check', `usage_source IN ('provider', 'counted')`)
@Check('llm_requests_unit_cost_prompt_check', 'unit_cost_prompt >= 0')
@Check('llm_requests_unit_cost_completion_check', 'unit_cost_completion >= 0')
@Check('llm_requests_computed_cost_check', 'computed_cost >= 0')
@Check('llm_requests_latency_ms_check', 'latency_ms >= 0')
@Check('llm_requests_ttft_ms_check', 'ttft_ms >= 0')
@Check('llm_requests_attempts_check', 'attempts >= 0')
@Check('llm_requests_status_check', `status IN ('ok', 'error', 'truncated')`)
export class LlmRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null once the session was deleted: what a call cost outlives its conversation. */
  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId: string | null;

  @ManyToOne(() => SessionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_llm_requests_session' })
  session?: SessionEntity;

  /** The session's owner when the call was made: per-owner reports and the daily spend cap. */
  @Column({ name: 'owner_id', type: 'text' })
  ownerId: string;

  /** The assistant message; no foreign key, since the cap prunes messages. */
  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @Column({ type: 'text' })
  provider: string;

  @Column({ type: 'text' })
  model: string;

  @Column({ name: 'request_body', type: 'jsonb', default: () => "'{}'" })
  requestBody: unknown;

  @Column({ name: 'response_body', type: 'jsonb', default: () => "'{}'" })
  responseBody: Record<string, unknown>;

  @Column({ name: 'prompt_tokens', type: 'integer' })
  promptTokens: number;

  @Column({ name: 'completion_tokens', type: 'integer' })
  completionTokens: number;

  @Column({ name: 'total_tokens', type: 'integer' })
  totalTokens: number;

  @Column({ name: 'usage_source', type: 'text' })
  usageSource: UsageSource;

  /** USD per million prompt tokens at call time (decimal text); null for an unpriced model. */
  @Column({ name: 'unit_cost_prompt', type: 'numeric', nullable: true })
  unitCostPrompt: string | null;

  @Column({ name: 'unit_cost_completion', type: 'numeric', nullable: true })
  unitCostCompletion: string | null;

  /** Exact USD (numeric, never float); null for an unpriced model. */
  @Column({ name: 'computed_cost', type: 'numeric', nullable: true })
  computedCost: string | null;

  @Column({ name: 'latency_ms', type: 'integer' })
  latencyMs: number;

  @Column({ name: 'ttft_ms', type: 'integer', nullable: true })
  ttftMs: number | null;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ type: 'text' })
  status: LlmCallStatus;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'context_manifest', type: 'jsonb', default: () => "'{}'" })
  contextManifest: Record<string, unknown>;

  /** The partition key, so part of the primary key. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', primary: true })
  createdAt: Date;
}
