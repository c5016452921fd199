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
  @ApiProperty({ description: 'Whether the prescriber agreed' })
  @IsBoolean()
  obtained: boolean;

  @ApiProperty({ format: 'date-time', description: 'When (ISO instant)' })
  @IsISO8601()
  at: string;

  @ApiProperty({ enum: ['phone', 'secure-messaging', 'in-person', 'other'] })
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

  @ApiPropertyOptional({ type: () => PrescriberAgreementDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PrescriberAgreementDto)
  prescriberAgreement?: PrescriberAgreementDto;

  @ApiPropertyOptional({ maxLength: COMMENT })
  @IsOptional()
  @IsString()
  @MaxLength(COMMENT)
  comment?: string;
}

/** What a urine strip showed (RULES.md § Conditional dispensation: both findings are kept). */
export class BuFindingsDto {
  @ApiProperty({ enum: ['positive', 'negative'] })
  @IsIn(['positive', 'negative'])
  nitrites: 'positive' | 'negative';

  @ApiProperty({ enum: ['positive', 'negative'] })
  @IsIn(['positive', 'negative'])
  leucocytes: 'positive' | 'negative';
}

export class ConditionalDto {
  @ApiProperty({ enum: ['trod-angine', 'bu-cystite'] })
  @IsIn(['trod-angine', 'bu-cystite'])
  test: 'trod-angine' | 'bu-cystite';

  @ApiProperty({
    enum: ['positive', 'negative'],
    description: "The pharmacist's reading of the test: it decides the delivery",
  })
  @IsIn(['positive', 'negative'])
  result: 'positive' | 'negative';

  @ApiProperty({ format: 'date-time', description: 'When the test was performed (ISO instant)' })
  @IsISO8601()
  performedAt: string;

  @ApiPropertyOptional({
    type: () => BuFindingsDto,
    description: 'BU cystite: nitrites and leucocytes (required for a BU)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => BuFindingsDto)
  findings?: BuFindingsDto;
}

export class NonDeliveryDto {
  @ApiProperty({ enum: ['out-of-stock', 'refused-by-patient', 'not-needed', 'condition-not-met', 'other'] })
  @IsIn(['out-of-stock', 'refused-by-patient', 'not-needed', 'condition-not-met', 'other'])
  reason: 'out-of-stock' | 'refused-by-patient' | 'not-needed' | 'condition-not-met' | 'other';

  @ApiPropertyOptional({ maxLength: COMMENT })
  @IsOptional()
  @IsString()
  @MaxLength(COMMENT)
  comment?: string;
}

export class RenewalDto {
  @ApiProperty({ enum: ['correspondent-renewal', 'posology-adjustment', 'exceptional-dispensation'] })
  @IsIn(['correspondent-renewal', 'posology-adjustment', 'exceptional-dispensation'])
  kind: 'correspondent-renewal' | 'posology-adjustment' | 'exceptional-dispensation';

  @ApiPropertyOptional({ maxLength: COMMENT, description: 'The adjusted posology (posology-adjustment)' })
  @IsOptional()
  @IsString()
  @MaxLength(COMMENT)
  posology?: string;

  @ApiPropertyOptional({ maxLength: COMMENT })
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
  @ApiProperty({ format: 'date-time' })
  @IsISO8601()
  at: string;

  @ApiProperty({ enum: ['phone', 'secure-messaging', 'in-person', 'other'] })
  @IsIn(['phone', 'secure-messaging', 'in-person', 'other'])
  channel: 'phone' | 'secure-messaging' | 'in-person' | 'other';
}

export class LineFlagsDto {
  @ApiPropertyOptional({ description: 'The patient refuses the generic: no third-party payment' })
  @IsOptional()
  @IsBoolean()
  patientRefusedGeneric?: boolean;

  @ApiPropertyOptional({
    description: '« non substituable MTE-PH »: only on a product of the MTE list (else 422)',
  })
  @IsOptional()
  @IsBoolean()
  mtePh?: boolean;

  @ApiPropertyOptional({ type: () => PrescriberInformedDto })
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
  @ApiPropertyOptional({ description: 'The line of the issue (absent: an issue of the dispensation)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/)
  lineId?: string;

  @ApiPropertyOptional({ minLength: 3, maxLength: COMMENT, description: 'Why (audited)' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(COMMENT)
  reason?: string;

  @ApiPropertyOptional({
    description:
      'The intervention that says why (recorded on the line); for a product or quantity issue it carries the prescriber’s agreement',
    type: () => InterventionDto,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => InterventionDto)
  intervention?: InterventionDto;
}
