import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ResponseField } from '@/common/http/api-properties';

export class MergeRequestDto {
  @ApiProperty({ description: 'The anonymous visitor to merge: `visitor:<uuid>`', example: 'visitor:6f1c0c53-8d7e-4d43-9d55-0a3f4f1e2b7a' })
  @IsString()
  @MinLength(1)
  @MaxLength(210)
  from: string;

  @ApiProperty({ description: 'The owner it becomes: `user:<sub>` or `visitor:<uuid>`', example: 'user:maria' })
  @IsString()
  @MinLength(1)
  @MaxLength(210)
  into: string;
}

/** A merge of a visitor into another owner, reversible until reverted. */
export class MergeDto {
  @ResponseField('Merge id (for POST /v1/admin/profiles/merges/:id/revert)', { format: 'uuid' })
  id: string;

  @ResponseField('The visitor merged')
  from: string;

  @ResponseField('The owner it was merged into')
  into: string;

  @ResponseField('The sessions that moved', { type: [String] })
  sessionIds: string[];

  @ResponseField('The target profile’s fields the merge changed', { type: [String] })
  changedFields: string[];

  @ResponseField('When', { format: 'date-time' })
  createdAt: Date;

  @ResponseField('When it was reverted; null while it stands', { type: String, nullable: true, format: 'date-time' })
  revertedAt: Date | null;
}
