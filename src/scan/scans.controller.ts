import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Owns } from '../core/auth/ownership';
import { CurrentPrincipal, Principal } from '../core/auth/principal';
import { CreateScanDto } from './dto/create-scan.dto';
import { decodeScanData } from './scan-data';
import { ScanService } from './scan.service';
import { ApiAnswer, ApiProblems } from '../core/http/openapi-schemas';

@ApiTags('scans')
@ApiBearerAuth()
@Controller('api/v1/scans')
export class ScansController {
  constructor(private readonly scans: ScanService) {}

  @Post()
  @Owns('terminal', 'terminalId', 'body')
  @ApiOperation({ summary: 'Parse a code; with terminalId, also route it on that terminal' })
  @ApiAnswer(201, 'ScanResult')
  @ApiProblems(400, 403, 413, 422, 503)
  create(@Body() body: CreateScanDto, @CurrentPrincipal() principal: Principal) {
    // Without terminalId the scan is parsed only, whoever calls (API.md § Scans).
    return this.scans.ingest({
      pharmacyId: principal.pharmacyId,
      data: decodeScanData(body.data, body.encoding ?? 'text'),
      terminalId: body.terminalId,
      source: 'api',
    });
  }
}
