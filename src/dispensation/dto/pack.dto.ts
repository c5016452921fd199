import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { expects } from '../../core/http/validation-text';

const LINE_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The price the LGO gives a box (its price list; devices and magistral preparations have none in the BDPM):
 * the execution carries a unit price and a reimbursement rate for every product delivered.
 */
export class PriceDto {
  @ApiPropertyOptional({
    description: 'Price of one box (or unit) in cents',
    minimum: 0,
    maximum: 10_000_000,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  unitPriceCents?: number;

  @ApiPropertyOptional({
    description: 'Assurance Maladie reimbursement rate in percent (0: none)',
    minimum: 0,
    maximum: 100,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  reimbursementRate?: number;
}

/** API.md `POST /api/v1/dispensations/:id/packs`: exactly one of scan, cip13 or code. */
export class AddPackDto extends PriceDto {
  @ApiPropertyOptional({
    description: 'What the scanner read: a GS1 DataMatrix element string or a product barcode',
    example: ']d201034009300088431728123110LOT1\u001d21SER1',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  scan?: string;

  @ApiPropertyOptional({ description: 'A CIP13 (or CIP7) typed at the counter', example: '3400930008843' })
  @IsOptional()
  @Matches(
    /^(\d{7}|\d{13})$/,
    expects('13 chiffres (ou un CIP7 de 7 chiffres)', '13 digits (or a 7-digit CIP7)'),
  )
  cip13?: string;

  @ApiPropertyOptional({ description: 'Another barcode: ACL13, EAN-13 or GTIN-14', example: '3401500001233' })
  @IsOptional()
  @Matches(/^\d{13,14}$/, expects('un EAN-13 ou un GTIN-14', 'an EAN-13 or a GTIN-14'))
  code?: string;

  @ApiPropertyOptional({ description: 'Boxes; default 1', minimum: 1, maximum: 99 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  quantity?: number;

  @ApiPropertyOptional({
    description:
      'Units handed over from one box cut to give the exact number (a narcotic presented late, R.5132-33); quantity is then 1',
    minimum: 1,
    maximum: 1000,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  units?: number;

  @ApiPropertyOptional({ description: 'The line it answers; default: the best fitting line' })
  @IsOptional()
  @Matches(LINE_ID)
  lineId?: string;
}

/** `PATCH …/packs/:packId`: the line the pack answers, and/or its price. */
export class AssignPackDto extends PriceDto {
  @ApiPropertyOptional({ description: 'The line the pack answers (the pharmacist says so)' })
  @IsOptional()
  @Matches(LINE_ID)
  lineId?: string;
}

export class ManualDeliveryDto extends PriceDto {
  @ApiProperty({ minimum: 1, maximum: 999 })
  @IsInt()
  @Min(1)
  @Max(999)
  quantity: number;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}
