import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { FIRST_SESSION_ID, MessageService } from '@/message/message.service';
import { JobContext, MaintenanceJob } from './maintenance-job';

/** Sessions above MAX_MESSAGES_PER_SESSION (after it was lowered) are cut back to it, oldest messages first. */
@Injectable()
export class MessagePruningJob implements MaintenanceJob {
  readonly name = 'message-pruning';

  constructor(
    private readonly messages: MessageService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(context: JobContext): Promise<Record<string, unknown>> {
    let after: string | null = FIRST_SESSION_ID;
    let sessionsPruned = 0;
    while (after !== null) {
      const from: string = after;
      await context.batch(async () => {
        const batch = await this.messages.pruneOverCapBatch(from, context.batchSize);
        after = batch.next;
        sessionsPruned += batch.sessions;
        return batch.messagesDeleted;
      });
    }
    return { cap: this.config.maxMessagesPerSession, sessionsPruned };
  }
}
