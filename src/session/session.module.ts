import { Module } from '@nestjs/common';
import { BearerGuard, OwnerInterceptor } from './authenticated';
import { ClaimListeners } from './claim-listeners';
import { IdentityService } from './identity.service';
import { SessionController } from './session.controller';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { VisitorRepository } from './visitor.repository';
import { VisitorService } from './visitor.service';

@Module({
  controllers: [SessionController],
  providers: [SessionService, SessionRepository, VisitorRepository, VisitorService, IdentityService, OwnerInterceptor, BearerGuard, ClaimListeners],
  exports: [SessionService, VisitorService, IdentityService, OwnerInterceptor, BearerGuard, ClaimListeners],
})
export class SessionModule {}
