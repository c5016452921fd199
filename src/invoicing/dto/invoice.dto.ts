import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class InvoiceOverrideDto {
  @ApiProperty({ example: 'Téléservice indisponible depuis 9 h' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

export class InvoiceDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,32}$/)
  billingNumber?: string;

  @ApiProperty({ example: '000123456' })
  @Matches(/^[A-Za-z0-9-]{1,32}$/)
  fseNumber: string;

  @ApiProperty({ example: '2026-11-23T10:15:00+01:00' })
  @IsISO8601({ strict: true })
  invoicedAt: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  amountCents?: number;

  @ApiPropertyOptional({
    description: 'Invoice before the acknowledgement (teleservice outage): pharmacien only, audited',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => InvoiceOverrideDto)
  override?: InvoiceOverrideDto;
}
