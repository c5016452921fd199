import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '../core/auth/principal';
import { assertOwnTerminal } from '../core/auth/token.guard';
import { DispensationService } from './dispensation.service';
import { CreateDispensationDto, ListDispensationsQuery } from './dto/create-dispensation.dto';

@ApiTags('dispensations')
@ApiBearerAuth()
@Controller('api/v1/dispensations')
export class DispensationsController {
  constructor(private readonly dispensations: DispensationService) {}

  @Post()
  @Roles('counter')
  @ApiOperation({ summary: 'Opens (or resumes) the dispensation of a prescription on a terminal' })
  create(@Body() body: CreateDispensationDto, @CurrentPrincipal() principal: Principal) {
    assertOwnTerminal(principal, body.terminalId);
    return this.dispensations.openOrResume(body.prescriptionId, principal.terminalId);
  }

  @Get()
  @ApiOperation({ summary: 'Dispensations, newest first (a counter token sees its own terminal)' })
  async list(@Query() query: ListDispensationsQuery, @CurrentPrincipal() principal: Principal) {
    if (principal.role === 'counter') {
      assertOwnTerminal(principal, query.terminalId);
      query.terminalId = principal.terminalId;
    }
    return { items: await this.dispensations.list(query) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'A dispensation with its lines and issues' })
  get(@Param('id') id: string) {
    return this.dispensations.get(id);
  }
}
