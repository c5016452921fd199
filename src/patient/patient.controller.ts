import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../core/auth/principal';
import { assertOwnTerminal } from '../core/auth/token.guard';
import { PatientService } from './patient.service';

@ApiTags('patient')
@ApiBearerAuth()
@Controller('api/v1/terminals')
export class PatientController {
  constructor(private readonly patients: PatientService) {}

  @Get(':id/card')
  @ApiOperation({ summary: "The card holder read on that terminal's reader, or 404" })
  card(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    if (principal.role === 'counter') assertOwnTerminal(principal, id);
    return this.patients.card(id);
  }
}
