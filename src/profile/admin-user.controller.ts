import { Controller, Delete, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@/common/http/admin-key.guard';
import { ErasureReceiptDto } from './dto/erasure-receipt.dto';
import { PersonalDataErasureService } from './personal-data-erasure.service';

@ApiTags('admin')
@AdminOnly()
@Controller('v1/admin/users')
export class AdminUserController {
  constructor(private readonly erasure: PersonalDataErasureService) {}

  @Delete(':userId')
  @ApiOperation({ summary: 'Erase everything stored about a user (the `sub` of its tokens), as DELETE /v1/me does' })
  @ApiOkResponse({ type: ErasureReceiptDto })
  erase(@Param('userId') userId: string): Promise<ErasureReceiptDto> {
    return this.erasure.eraseUser(userId);
  }
}
