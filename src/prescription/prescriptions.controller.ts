import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TerminalFree } from '../core/auth/ownership';
import { CurrentPrincipal, Principal } from '../core/auth/principal';
import { SearchPrescriptionsQuery } from './dto/search.dto';
import { PrescriptionSearchService } from './prescription-search.service';
import { PrescriptionService } from './prescription.service';
import { ApiAnswer, ApiProblems } from '../core/http/openapi-schemas';

const ANY_TERMINAL =
  "a prescription is the patient's, read from the teleservice by its ID as from the paper: any terminal of the pharmacy may";

@ApiTags('prescriptions')
@ApiBearerAuth()
@Controller('api/v1/prescriptions')
export class PrescriptionsController {
  constructor(
    private readonly prescriptions: PrescriptionService,
    private readonly searches: PrescriptionSearchService,
  ) {}

  @Get()
  @TerminalFree(ANY_TERMINAL)
  @ApiOperation({
    summary:
      "The patient's prescriptions at the teleservice (rechercherPrescriptions): nir, ins, or lastName + birthDate",
  })
  @ApiAnswer(200, 'PrescriptionSearch')
  @ApiProblems(400, 409, 503)
  async search(@Query() query: SearchPrescriptionsQuery, @CurrentPrincipal() principal: Principal) {
    return { items: await this.searches.search(principal.pharmacyId, query) };
  }

  @Get(':id')
  @TerminalFree(ANY_TERMINAL)
  @ApiOperation({ summary: 'The prescription with what was already delivered, here and elsewhere' })
  @ApiAnswer(200, 'Prescription')
  @ApiProblems(404, 409, 503)
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.prescriptions.get(principal.pharmacyId, id);
  }

  @Post(':id/retrieve')
  @HttpCode(200)
  @TerminalFree(ANY_TERMINAL)
  @ApiOperation({ summary: 'Fetches the prescription from the teleservice now (manual entry)' })
  @ApiAnswer(200, 'Prescription')
  @ApiProblems(404, 409, 503)
  retrieve(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.prescriptions.retrieve(principal.pharmacyId, id);
  }
}
