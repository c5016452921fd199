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

/** What a urine strip showed (RULES.md § Conditional dispensation: both findings are kept). */
export class BuFindingsDto {
  @IsIn(['positive', 'negative'])
  nitrites: 'positive' | 'negative';

  @IsIn(['positive', 'negative'])
  leucocytes: 'positive' | 'negative';
}

export class ConditionalDto {
  @IsIn(['trod-angine', 'bu-cystite'])
  test: 'trod-angine' | 'bu-cystite';

  @ApiProperty({ description: "The pharmacist's reading of the test: it decides the delivery" })
  @IsIn(['positive', 'negative'])
  result: 'positive' | 'negative';

  @ApiProperty({ description: 'When the test was performed (ISO instant)' })
  @IsISO8601()
  performedAt: string;

  @ApiPropertyOptional({ description: 'BU cystite: nitrites and leucocytes (required for a BU)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BuFindingsDto)
  findings?: BuFindingsDto;
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

/** The prescriber informed of an MTE-PH choice or an exceptional dispensation (RULES.md). */
export class PrescriberInformedDto {
  @IsISO8601()
  at: string;

  @IsIn(['phone', 'secure-messaging', 'in-person', 'other'])
  channel: 'phone' | 'secure-messaging' | 'in-person' | 'other';
}

export class LineFlagsDto {
  @IsOptional()
  @IsBoolean()
  patientRefusedGeneric?: boolean;

  @ApiPropertyOptional({
    description: '« non substituable MTE-PH »: only on a product of the MTE list (else 422)',
  })
  @IsOptional()
  @IsBoolean()
  mtePh?: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => PrescriberInformedDto)
  prescriberInformed?: PrescriberInformedDto;

  @ApiPropertyOptional({
    description:
      'Degraded mode: the transcribed paper is secure paper (a product whose CPD requires an « ordonnance sécurisée », R.5132-5)',
  })
  @IsOptional()
  @IsBoolean()
  securePaperConfirmed?: boolean;

  @ApiPropertyOptional({ description: 'Why the prescription is on paper (with securePaperConfirmed)' })
  @IsOptional()
  @IsString()
  @MaxLength(COMMENT)
  securePaperReason?: string;
}

/** Why a blocking issue is overridden: a reason, an intervention, or both (422 OVERRIDE_REASON_REQUIRED). */
export class OverrideDto {
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/)
  lineId?: string;

  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(COMMENT)
  reason?: string;

  @ApiPropertyOptional({
    description:
      'The intervention that says why (recorded on the line); for a product or quantity issue it carries the prescriber’s agreement',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => InterventionDto)
  intervention?: InterventionDto;
}
