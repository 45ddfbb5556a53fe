import { SessionDto } from './dto/session.dto';
import { SessionRow } from './session.repository';

export function mapSession(row: SessionRow): SessionDto {
  return {
    id: row.id,
    title: row.title,
    contextData: row.contextData,
    metadata: row.metadata,
    isActive: row.isActive,
    messageCount: row.messageCount,
    createdAt: row.createdAt,
    lastActivityAt: row.lastActivityAt,
  };
}
