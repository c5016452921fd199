import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActingTerminal, Owns, requireTerminal } from '../core/auth/ownership';
import { CurrentPrincipal, Principal, Roles } from '../core/auth/principal';
import { DispensationService } from './dispensation.service';
import { CreateDispensationDto, ListDispensationsQuery } from './dto/create-dispensation.dto';
import { ApiAnswer, ApiProblems } from '../core/http/openapi-schemas';

@ApiTags('dispensations')
@ApiBearerAuth()
@Controller('api/v1/dispensations')
export class DispensationsController {
  constructor(private readonly dispensations: DispensationService) {}

  @Post()
  @Roles('counter', 'lgo')
  @Owns('terminal', 'terminalId', 'body')
  @ApiOperation({ summary: 'Opens (or resumes) the dispensation of a prescription on a terminal' })
  @ApiAnswer(201, 'Dispensation')
  @ApiProblems(400, 403, 404, 409, 503)
  create(@Body() body: CreateDispensationDto, @ActingTerminal() terminalId?: string) {
    return this.dispensations.openOrResume(body.prescriptionId, requireTerminal(terminalId));
  }

  @Get()
  @Owns('terminal', 'terminalId', 'query')
  @ApiOperation({ summary: 'Dispensations, newest first (a counter token sees its own terminal)' })
  @ApiAnswer(200, 'DispensationList')
  async list(@Query() query: ListDispensationsQuery, @CurrentPrincipal() principal: Principal) {
    // A counter sees its own terminal's; the others every terminal unless they name one.
    const terminalId = principal.role === 'counter' ? principal.terminalId : query.terminalId;
    return { items: await this.dispensations.list(principal.pharmacyId, { ...query, terminalId }) };
  }

  @Get(':id')
  @Owns('dispensation')
  @ApiOperation({ summary: 'A dispensation with its lines and issues' })
  @ApiAnswer(200, 'Dispensation')
  @ApiProblems(403, 404)
  get(@Param('id') id: string) {
    return this.dispensations.get(id);
  }
}
