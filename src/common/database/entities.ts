import { ChatLeaseEntity } from '@/chat/chat-lease.entity';
import { IdempotencyKeyEntity } from '@/message/idempotency-key.entity';
import { LlmRequestEntity } from '@/llm-tracking/llm-request.entity';
import { MaintenanceRunEntity } from '@/maintenance/maintenance-run.entity';
import { MessageEntity } from '@/message/message.entity';
import { EmailLinkEntity } from '@/profile/email-link.entity';
import { ProfileEventEntity } from '@/profile/profile-event.entity';
import { ProfileMergeEntity } from '@/profile/profile-merge.entity';
import { ProfileEntity } from '@/profile/profile.entity';
import { SessionEntity } from '@/session/session.entity';
import { VisitorEntity } from '@/session/visitor.entity';

/** Every table's entity, for TypeORM's metadata (the schema itself lives in migrations/). */
export const allEntities = [
  SessionEntity,
  VisitorEntity,
  MessageEntity,
  IdempotencyKeyEntity,
  LlmRequestEntity,
  ChatLeaseEntity,
  MaintenanceRunEntity,
  ProfileEntity,
  ProfileEventEntity,
  EmailLinkEntity,
  ProfileMergeEntity,
];
