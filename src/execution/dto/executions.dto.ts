import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { OutboxStatus } from '../../core/outbox/outbox-execution.entity';

export const OUTBOX_STATUSES: OutboxStatus[] = [
  'held',
  'queued',
  'sending',
  'acknowledged',
  'parked',
  'cancelled',
];

export class ListExecutionsQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES)
  status?: OutboxStatus;

  @ApiPropertyOptional({ example: '202611200930000001' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{1,64}$/)
  prescriptionId?: string;

  @ApiPropertyOptional({ description: "Only this terminal's (a counter token always sees its own)" })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  terminalId?: string;
}

export class CancelExecutionDto {
  @ApiProperty({ example: 'Erreur de saisie du lot', description: 'Sent to the teleservice as the motif' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}
