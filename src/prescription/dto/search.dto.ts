import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, MaxLength } from 'class-validator';

/** `GET /api/v1/prescriptions?nir=&ins=&lastName=&firstName=&birthDate=` (API.md § Prescriptions). */
export class SearchPrescriptionsQuery {
  @ApiPropertyOptional({ description: 'NIR of the patient (13 characters, or 15 with the key)' })
  @IsOptional()
  @Matches(/^[0-9]{5}([0-9]{2}|2A|2B)[0-9]{6}([0-9]{2})?$/, { message: 'nir: 13 or 15 characters' })
  nir?: string;

  @ApiPropertyOptional({ description: 'INS matricule of a qualified identity' })
  @IsOptional()
  @Matches(/^[0-9A-Z]{13,15}$/, { message: 'ins: 13 to 15 digits or capitals' })
  ins?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(100)
  lastName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(100)
  firstName?: string;

  @ApiPropertyOptional({ example: '1966-02-23' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate: YYYY-MM-DD' })
  birthDate?: string;
}
