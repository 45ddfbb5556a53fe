import { Module } from '@nestjs/common';
import { BearerGuard, OwnerInterceptor } from './authenticated';
import { IdentityService } from './identity.service';
import { SessionController } from './session.controller';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { VisitorRepository } from './visitor.repository';

@Module({
  controllers: [SessionController],
  providers: [SessionService, SessionRepository, VisitorRepository, IdentityService, OwnerInterceptor, BearerGuard],
  exports: [SessionService, IdentityService, OwnerInterceptor, BearerGuard],
})
export class SessionModule {}
