import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { LlmTrackingModule } from '@/llm-tracking/llm-tracking.module';
import { MessageModule } from '@/message/message.module';
import { UserMessageListeners } from '@/message/user-message-listeners';
import { ClaimListeners } from '@/session/claim-listeners';
import { SessionModule } from '@/session/session.module';
import { MemorySources } from '@/token-budget/memory-source';
import { TokenBudgetModule } from '@/token-budget/token-budget.module';
import { AdminProfileController } from './admin-profile.controller';
import { AdminUserController } from './admin-user.controller';
import { EmailLinkRepository } from './email-link.repository';
import { EmailLinkService } from './email-link.service';
import { ProfileExtractor } from './extraction/profile-extractor';
import { MergeRevertService } from './merge-revert.service';
import { PersonalDataController } from './personal-data.controller';
import { PersonalDataErasureService } from './personal-data-erasure.service';
import { PersonalDataExportService } from './personal-data-export.service';
import { PersonalDataScope } from './personal-data-scope';
import { ProfileController } from './profile.controller';
import { ProfileEventRepository } from './profile-event.repository';
import { PROFILE_EXTRACTOR, ProfileExtractionListener } from './profile-extraction.listener';
import { ProfileMemorySource } from './profile-memory.source';
import { ProfileMergeRepository } from './profile-merge.repository';
import { ProfileMergeService } from './profile-merge.service';
import { ProfileMerger } from './profile-merger.service';
import { ProfileRepository } from './profile.repository';
import { ProfileService } from './profile.service';
import { ProfileWriter } from './profile-writer.service';

/**
 * One profile per owner, built from user messages, with provenance, email links, merges,
 * export and erasure. Nothing imports it but AppModule: it hooks into the modules below
 * through their registries (user messages, login claims, memory sources) at start.
 */
@Module({
  imports: [SessionModule, MessageModule, TokenBudgetModule, LlmTrackingModule],
  controllers: [ProfileController, AdminProfileController, PersonalDataController, AdminUserController],
  providers: [
    { provide: PROFILE_EXTRACTOR, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new ProfileExtractor(config.profile) },
    ProfileRepository,
    ProfileEventRepository,
    EmailLinkRepository,
    ProfileMergeRepository,
    ProfileWriter,
    EmailLinkService,
    ProfileService,
    ProfileExtractionListener,
    ProfileMemorySource,
    ProfileMerger,
    ProfileMergeService,
    MergeRevertService,
    PersonalDataScope,
    PersonalDataExportService,
    PersonalDataErasureService,
  ],
  exports: [PersonalDataErasureService],
})
export class ProfileModule implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly userMessages: UserMessageListeners,
    private readonly claims: ClaimListeners,
    private readonly memory: MemorySources,
    private readonly extraction: ProfileExtractionListener,
    private readonly merger: ProfileMerger,
    private readonly memorySource: ProfileMemorySource,
  ) {}

  onModuleInit(): void {
    // PROFILE_EXTRACTION=false leaves the append path exactly as it is without this module.
    if (this.config.profile.extraction) this.userMessages.register((message) => this.extraction.onUserMessage(message));
    this.claims.register((claim) => this.merger.mergeOnClaim(claim.visitorOwnerId, claim.userOwnerId));
    this.memory.register(this.memorySource);
  }
}
