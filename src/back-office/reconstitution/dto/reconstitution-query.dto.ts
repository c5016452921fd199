import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class ReconstitutionQuery {
  @ApiPropertyOptional({ description: 'Only this execution (else every execution of this pharmacy)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  executionId?: string;
}
