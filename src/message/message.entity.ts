import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { SessionEntity } from '@/session/session.entity';

export const MESSAGE_ROLES = ['user', 'assistant', 'system', 'tool'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

@Entity('messages')
@Unique('uq_messages_session_seq', ['sessionId', 'seq'])
@Check('messages_seq_check', 'seq > 0')
@Check('messages_role_check', `role IN ('user', 'assistant', 'system', 'tool')`)
@Check('messages_token_count_check', 'token_count >= 0')
@Check('messages_processing_time_ms_check', 'processing_time_ms >= 0')
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_messages_session' })
  session?: SessionEntity;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'text' })
  role: MessageRole;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata: Record<string, unknown>;

  @Column({ name: 'tools_used', type: 'jsonb', nullable: true })
  toolsUsed: unknown[] | null;

  @Column({ name: 'tool_calls', type: 'jsonb', nullable: true })
  toolCalls: unknown[] | null;

  @Column({ name: 'tool_call_id', type: 'text', nullable: true })
  toolCallId: string | null;

  @Column({ name: 'token_count', type: 'integer', nullable: true })
  tokenCount: number | null;

  @Column({ name: 'processing_time_ms', type: 'integer', nullable: true })
  processingTimeMs: number | null;

  @Column({ name: 'has_error', type: 'boolean', default: false })
  hasError: boolean;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
