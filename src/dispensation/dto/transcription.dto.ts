import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

// API.md § Dispensations, degraded mode: `POST …/lines` takes lines of the seed's shape.

class CommonNameDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  substance: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  strength?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  form?: string;
}

class TranscribedProductDto {
  @IsOptional()
  @Matches(/^\d{8}$/, { message: 'cis: 8 digits' })
  cis?: string;

  @IsOptional()
  @Matches(/^\d{13}$/, { message: 'cip13: 13 digits' })
  cip13?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => CommonNameDto)
  dc?: CommonNameDto;

  @IsOptional()
  @Matches(/^\d{7}$/, { message: 'lpp: 7 digits' })
  lpp?: string;

  @IsOptional()
  @Matches(/^\d{13}$/, { message: 'code (ACL13 / EAN-13): 13 digits' })
  code?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  label?: string;
}

class PosologyDto {
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  text: string;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1000)
  unitsPerDay?: number;
}

class QuantityDto {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(99)
  boxes?: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100_000)
  units?: number;
}

class ConditionalPrescriptionDto {
  @IsIn(['trod-angine', 'bu-cystite'])
  test: 'trod-angine' | 'bu-cystite';

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  validityDays?: number;
}

export class TranscribedLineDto {
  @ApiPropertyOptional({
    description: 'Default: the next free number (1, 2, …), as the sandbox numbers seeds',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'lineId: 1-32 letters, digits, - or _' })
  lineId?: string;

  @IsIn(['medication', 'device', 'magistral'])
  kind: 'medication' | 'device' | 'magistral';

  @ValidateNested()
  @Type(() => TranscribedProductDto)
  product: TranscribedProductDto;

  @ValidateNested()
  @Type(() => PosologyDto)
  posology: PosologyDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => QuantityDto)
  quantity?: QuantityDto;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  durationDays?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(12)
  renewals?: number;

  @IsOptional()
  @IsIn(['MTE', 'EFG', 'CIF'])
  nonSubstitutable?: 'MTE' | 'EFG' | 'CIF';

  @IsOptional()
  @IsBoolean()
  singleDelivery?: boolean;

  @IsOptional()
  @IsBoolean()
  overlapAllowed?: boolean;

  @IsOptional()
  @IsBoolean()
  ald?: boolean;

  @IsOptional()
  @IsBoolean()
  secure?: boolean;

  @IsOptional()
  @IsBoolean()
  exception?: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => ConditionalPrescriptionDto)
  conditional?: ConditionalPrescriptionDto;

  @IsOptional()
  @IsBoolean()
  pharmacistRenewalAuthorized?: boolean;

  @IsOptional()
  @IsBoolean()
  posologyAdjustmentAuthorized?: boolean;
}

export class TranscribeLinesDto {
  @ApiPropertyOptional({ description: "The paper's date (default: the day the dispensation opened)" })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'createdAt: YYYY-MM-DD' })
  createdAt?: string;

  @ApiProperty({ type: [TranscribedLineDto], description: 'Lines of the seed format (API.md)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TranscribedLineDto)
  lines: TranscribedLineDto[];
}

export class ConfirmTranscriptionDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export class AbandonDto {
  @ApiProperty({ description: 'Why the dispensation is closed without an execution (the customer left…)' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}
