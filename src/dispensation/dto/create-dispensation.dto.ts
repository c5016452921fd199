import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { expects } from '../../core/http/validation-text';
import type { DispensationStatus } from '../dispensation.entity';

export class CreateDispensationDto {
  @ApiProperty({ example: '202601150930000001' })
  @IsString()
  @Matches(/^[A-Za-z0-9]{1,64}$/, expects('de 1 à 64 lettres et chiffres', '1 to 64 letters and digits'))
  prescriptionId: string;

  @ApiPropertyOptional({ description: "Defaults to the token's terminal" })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  terminalId?: string;
}

export class ListDispensationsQuery {
  @ApiPropertyOptional({ description: "A terminal's (a counter sees its own)" })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  terminalId?: string;

  @ApiPropertyOptional({ enum: ['open', 'validated', 'acknowledged', 'invoiced', 'rejected', 'cancelled'] })
  @IsOptional()
  @Matches(/^(open|validated|acknowledged|invoiced|rejected|cancelled|abandoned|paper)$/)
  status?: DispensationStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{1,64}$/)
  prescriptionId?: string;
}
