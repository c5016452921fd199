import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

export class ScanImageQueryDto {
  @ApiPropertyOptional({
    description: "Route the codes on this terminal (must be the token's terminal); for a raw body",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  terminalId?: string;
}

export class CodePositionDto {
  @ApiPropertyOptional({ description: '1-based PDF page' })
  page?: number;
  @ApiProperty({ description: 'Left edge, in pixels of the picture (of the page rendered at 200 dpi)' })
  x: number;
  @ApiProperty()
  y: number;
  @ApiProperty()
  width: number;
  @ApiProperty()
  height: number;
}

export class CodeErrorDto {
  @ApiProperty({ description: 'Scan error code (docs/errors.md), e.g. QR_MALFORMED, UNKNOWN_CODE' })
  code: string;
  @ApiProperty({ description: 'Why, in French (English when Accept-Language puts en first)' })
  detail: string;
}

export class ScannedCodeDto {
  @ApiPropertyOptional({ description: 'As POST /api/v1/scans; absent when `error` is set' })
  id?: string;
  @ApiPropertyOptional({
    enum: ['prescription-qr', 'prescription-id', 'pack', 'product-code', 'ins', 'apcv'],
  })
  kind?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  parsed?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String] })
  warnings?: string[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'When routed' })
  retrieval?: Record<string, unknown>;
  @ApiPropertyOptional()
  sessionId?: string;
  @ApiProperty({ enum: ['qr', 'datamatrix'] })
  format: string;
  @ApiProperty({ type: CodePositionDto })
  position: CodePositionDto;
  @ApiPropertyOptional({ type: CodeErrorDto, description: 'The decoded text did not parse' })
  error?: CodeErrorDto;
}

export class ScanImageResponseDto {
  @ApiProperty({ type: [ScannedCodeDto], description: 'One entry per code, in reading order' })
  codes: ScannedCodeDto[];
}
