import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

const COMMENT = 500;

export class PrescriberAgreementDto {
  @IsBoolean()
  obtained: boolean;

  @IsISO8601()
  at: string;

  @IsIn(['phone', 'secure-messaging', 'in-person', 'other'])
  channel: 'phone' | 'secure-messaging' | 'in-person' | 'other';
}

/** SFPC codes are checked by the service (422 SFPC_CODE_UNKNOWN), not here. */
export class InterventionDto {
  @ApiProperty({ example: '6.1' })
  @IsString()
  @MaxLength(8)
  problemCode: string;

  @ApiProperty({ example: '3' })
  @IsString()
  @MaxLength(8)
  interventionCode: string;

  @ApiPropertyOptional({ example: '1' })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  outcome?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => PrescriberAgreementDto)
  prescriberAgreement?: PrescriberAgreementDto;

  @IsOptional()
  @IsString()
  @MaxLength(COMMENT)
  comment?: string;
}

export class ConditionalDto {
  @IsIn(['trod-angine', 'bu-cystite'])
  test: 'trod-angine' | 'bu-cystite';

  @IsIn(['positive', 'negative'])
  result: 'positive' | 'negative';

  @ApiProperty({ description: 'When the test was performed (ISO instant)' })
  @IsISO8601()
  performedAt: string;
}

export class NonDeliveryDto {
  @IsIn(['out-of-stock', 'refused-by-patient', 'not-needed', 'condition-not-met', 'other'])
  reason: 'out-of-stock' | 'refused-by-patient' | 'not-needed' | 'condition-not-met' | 'other';

  @IsOptional()
  @IsString()
  @MaxLength(COMMENT)
  comment?: string;
}

export class RenewalDto {
  @IsIn(['correspondent-renewal', 'posology-adjustment', 'exceptional-dispensation'])
  kind: 'correspondent-renewal' | 'posology-adjustment' | 'exceptional-dispensation';

  @IsOptional()
  @IsString()
  @MaxLength(COMMENT)
  posology?: string;

  @IsOptional()
  @IsString()
  @MaxLength(COMMENT)
  comment?: string;

  @ApiPropertyOptional({ description: 'Days this delivery covers; default the line’s (one month at most)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  durationDays?: number;
}

export class LineFlagsDto {
  @IsOptional()
  @IsBoolean()
  patientRefusedGeneric?: boolean;

  @IsOptional()
  @IsBoolean()
  mtePh?: boolean;
}

export class OverrideDto {
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/)
  lineId?: string;

  @IsString()
  @MinLength(3)
  @MaxLength(COMMENT)
  reason: string;
}
