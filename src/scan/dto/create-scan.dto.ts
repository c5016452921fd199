import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateScanDto {
  @ApiProperty({ description: 'The scanned text, or base64 of the scanned bytes' })
  @IsString()
  @MaxLength(65536)
  data: string;

  @ApiPropertyOptional({ enum: ['text', 'base64'], default: 'text' })
  @IsOptional()
  @IsIn(['text', 'base64'])
  encoding?: 'text' | 'base64';

  @ApiPropertyOptional({ description: "Route the scan on this terminal (must be the token's terminal)" })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  terminalId?: string;
}
