import { Body, Controller, Delete, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '../core/auth/principal';
import { ActsService } from './acts.service';
import type { ActType } from './dispensation-act.entity';
import { DispensationException } from './dispensation.exception';
import {
  ConditionalDto,
  InterventionDto,
  LineFlagsDto,
  NonDeliveryDto,
  OverrideDto,
  RenewalDto,
} from './dto/acts.dto';
import { ValidationService } from './validation.service';

/** Cancellable act kinds as the URL names them (`DELETE …/lines/:lineId/<act>/:actId`). */
export const ACT_PATHS: Record<string, ActType> = {
  interventions: 'intervention',
  conditional: 'conditional',
  'non-delivery': 'non-delivery',
  renewal: 'renewal',
};
/** API.md § Dispensations: acts on a line, overrides and validation (docs/acts.md). */
@ApiTags('dispensations')
@ApiBearerAuth()
@Roles('counter')
@Controller('api/v1/dispensations/:id')
export class ActsController {
  constructor(
    private readonly acts: ActsService,
    private readonly validation: ValidationService,
  ) {}

  @Post('lines/:lineId/interventions')
  @ApiOperation({ summary: 'Records a pharmaceutical intervention (SFPC codes) on a line' })
  intervention(
    @Param('id') id: string,
    @Param('lineId') lineId: string,
    @Body() body: InterventionDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.acts.intervention(id, lineId, body, principal.terminalId);
  }

  @Post('lines/:lineId/conditional')
  @ApiOperation({ summary: 'Records a TROD angine / BU result on a conditional line' })
  conditional(
    @Param('id') id: string,
    @Param('lineId') lineId: string,
    @Body() body: ConditionalDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.acts.conditional(id, lineId, body, principal.terminalId);
  }

  @Post('lines/:lineId/non-delivery')
  @ApiOperation({ summary: 'Records that a line is not delivered, with a reason' })
  nonDelivery(
    @Param('id') id: string,
    @Param('lineId') lineId: string,
    @Body() body: NonDeliveryDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.acts.nonDelivery(id, lineId, body, principal.terminalId);
  }

  @Post('lines/:lineId/renewal')
  @ApiOperation({ summary: 'Correspondent renewal, posology adjustment or exceptional dispensation' })
  renewal(
    @Param('id') id: string,
    @Param('lineId') lineId: string,
    @Body() body: RenewalDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.acts.renewal(id, lineId, body, principal.terminalId);
  }

  @Patch('lines/:lineId')
  @ApiOperation({ summary: 'Sets patientRefusedGeneric / mtePh / prescriberInformed on a line' })
  flags(
    @Param('id') id: string,
    @Param('lineId') lineId: string,
    @Body() body: LineFlagsDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.acts.flags(id, lineId, body, principal.terminalId);
  }

  @Delete('lines/:lineId/:act/:actId')
  @ApiOperation({ summary: 'Cancels an act before validation (the row stays, with cancelledAt)' })
  cancel(
    @Param('id') id: string,
    @Param('lineId') lineId: string,
    @Param('act') act: string,
    @Param('actId') actId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    const type = ACT_PATHS[act];
    if (!type) throw new DispensationException('ACT_UNKNOWN', `no act kind ${act}`);
    return this.acts.cancel(id, lineId, type, actId, principal.terminalId);
  }

  @Post('issues/:code/override')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Overrides a blocking issue with its why: a reason or an intervention (pharmacien only)',
  })
  override(
    @Param('id') id: string,
    @Param('code') code: string,
    @Body() body: OverrideDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.acts.override(id, code, body, principal.terminalId);
  }

  @Post('validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Validates: freezes the dispensation and queues its execution record' })
  validate(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.validation.validate(id, principal.terminalId);
  }
}
