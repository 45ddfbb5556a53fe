import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IfPresent, OptionalJsonObject } from '@/common/http/api-properties';

/** Only the fields present change; `title: null` clears the title, null is refused anywhere else. */
export class UpdateSessionDto {
  @ApiPropertyOptional({ description: 'New title, or null to clear it', maxLength: 200, nullable: true, type: String })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string | null;

  @OptionalJsonObject('Replaces the application context')
  contextData?: Record<string, unknown>;

  @OptionalJsonObject('Replaces the metadata')
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'False closes the conversation (it is then never resumed as current)' })
  @IfPresent()
  @IsBoolean()
  isActive?: boolean;
}
