import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '../auth/principal';
import { AuditService } from './audit.service';

export class AuditVerifyResponse {
  @ApiProperty({ description: 'true when every entry is present, unedited and linked to the previous one' })
  ok: boolean;

  @ApiProperty({ description: "Number of entries in the pharmacy's audit trail" })
  entries: number;

  @ApiPropertyOptional({ description: 'seq of the first missing, edited or unlinked entry' })
  firstBrokenAt?: number;
}

@ApiTags('back-office')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('verify')
  @Roles('back-office')
  @ApiOperation({
    summary: "Walks the pharmacy's hash-chained audit trail and reports the first broken entry",
  })
  @ApiOkResponse({ type: AuditVerifyResponse })
  verify(@CurrentPrincipal() principal: Principal): Promise<AuditVerifyResponse> {
    return this.audit.verify(principal.pharmacyId);
  }
}
