import { Controller, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Principal } from '../core/auth/principal';
import { assertOwnTerminal, Owns } from '../core/auth/ownership';
import { ScanImageQueryDto, ScanImageResponseDto } from './dto/scan-image.dto';
import { decodeImage } from './image/decode-image';
import { ImageDecoderPool } from './image/decoder-pool';
import { ingestCodes } from './image/ingest-codes';
import { readImageUpload } from './image/upload';
import { ScanService } from './scan.service';
import { ApiProblem } from '../core/http/openapi-schemas';

@ApiTags('scans')
@ApiBearerAuth()
@Controller('api/v1/scans')
export class ScansImageController {
  constructor(
    private readonly scans: ScanService,
    private readonly pool: ImageDecoderPool,
  ) {}

  @Post('image')
  @Owns('terminal', 'terminalId', 'query')
  @ApiOperation({
    summary: 'Read every QR code and DataMatrix in a picture or a PDF, then parse (and route) each',
    description:
      'Raw image/png, image/jpeg or application/pdf (terminalId in the query), or multipart/form-data with ' +
      'one file part and an optional terminalId field. See docs/scanning.md § Codes from images.',
  })
  @ApiConsumes('image/png', 'image/jpeg', 'application/pdf', 'multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      description: 'For multipart; a raw body is the file itself',
      properties: { file: { type: 'string', format: 'binary' }, terminalId: { type: 'string' } },
      required: ['file'],
    },
  })
  @ApiCreatedResponse({ type: ScanImageResponseDto })
  @ApiProblem(413, 'PAYLOAD_TOO_LARGE (bytes) or IMAGE_TOO_LARGE (pixels, pages)')
  @ApiProblem(415, 'UNSUPPORTED_MEDIA_TYPE')
  @ApiProblem(422, 'NO_CODE_FOUND or IMAGE_UNREADABLE')
  @ApiProblem(503, 'IMAGE_BUSY: every image worker busy and the queue full (Retry-After)')
  async create(
    @Req() req: Request,
    @Query() query: ScanImageQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ScanImageResponseDto> {
    const upload = await readImageUpload(req.headers['content-type'], req.body, query.terminalId);
    // A terminalId in the multipart form is only known here: the same rule as the guard's for the query.
    if (principal.role !== 'lgo') assertOwnTerminal(principal, upload.terminalId);
    const codes = await decodeImage(upload.bytes, upload.mimeType, {}, this.pool.run);
    // An error's detail is a Text: it is written as French, or English for a client who asks.
    const scanned = await ingestCodes(this.scans, codes, upload.terminalId);
    return { codes: scanned as unknown as ScanImageResponseDto['codes'] };
  }
}
