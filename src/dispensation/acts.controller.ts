import { Body, Controller, Delete, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActingTerminal, Owns, requireTerminal } from '../core/auth/ownership';
import { Roles } from '../core/auth/principal';
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
import { ApiAnswer, ApiProblems } from '../core/http/openapi-schemas';
import { DISPENSATION_DETAILS } from './error-messages';

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
@Roles('counter', 'lgo')
@Owns('dispensation')
@Controller('api/v1/dispensations/:id')
export class ActsController {
  constructor(
    private readonly acts: ActsService,
    private readonly validation: ValidationService,
  ) {}

  @Post('lines/:lineId/interventions')
  @ApiOperation({ summary: 'Records a pharmaceutical intervention (SFPC codes) on a line' })
  @ApiAnswer(201, 'Dispensation')
  @ApiProblems(400, 403, 404, 409, 422)
  intervention(
    @Param('id') id: string,
    @Param('lineId') lineId: string,
    @Body() body: InterventionDto,
    @ActingTerminal() terminalId?: string,
  ) {
    return this.acts.intervention(id, lineId, body, requireTerminal(terminalId));
  }

  @Post('lines/:lineId/conditional')
  @ApiOperation({ summary: 'Records a TROD angine / BU result on a conditional line' })
  @ApiAnswer(201, 'Dispensation')
  @ApiProblems(400, 403, 404, 409, 422)
  conditional(
    @Param('id') id: string,
    @Param('lineId') lineId: string,
    @Body() body: ConditionalDto,
    @ActingTerminal() terminalId?: string,
  ) {
    return this.acts.conditional(id, lineId, body, requireTerminal(terminalId));
  }

  @Post('lines/:lineId/non-delivery')
  @ApiOperation({ summary: 'Records that a line is not delivered, with a reason' })
  @ApiAnswer(201, 'Dispensation')
  @ApiProblems(400, 403, 404, 409, 422)
  nonDelivery(
    @Param('id') id: string,
    @Param('lineId') lineId: string,
    @Body() body: NonDeliveryDto,
    @ActingTerminal() terminalId?: string,
  ) {
    return this.acts.nonDelivery(id, lineId, body, requireTerminal(terminalId));
  }

  @Post('lines/:lineId/renewal')
  @ApiOperation({ summary: 'Correspondent renewal, posology adjustment or exceptional dispensation' })
  @ApiAnswer(201, 'Dispensation')
  @ApiProblems(400, 403, 404, 409, 422)
  renewal(
    @Param('id') id: string,
    @Param('lineId') lineId: string,
    @Body() body: RenewalDto,
    @ActingTerminal() terminalId?: string,
  ) {
    return this.acts.renewal(id, lineId, body, requireTerminal(terminalId));
  }

  @Patch('lines/:lineId')
  @ApiOperation({ summary: 'Sets patientRefusedGeneric / mtePh / prescriberInformed on a line' })
  @ApiAnswer(200, 'Dispensation')
  @ApiProblems(400, 403, 404, 409, 422)
  flags(
    @Param('id') id: string,
    @Param('lineId') lineId: string,
    @Body() body: LineFlagsDto,
    @ActingTerminal() terminalId?: string,
  ) {
    return this.acts.flags(id, lineId, body, requireTerminal(terminalId));
  }

  @Delete('lines/:lineId/:act/:actId')
  @ApiOperation({ summary: 'Cancels an act before validation (the row stays, with cancelledAt)' })
  @ApiAnswer(200, 'Dispensation')
  @ApiProblems(400, 403, 404, 409, 422)
  cancel(
    @Param('id') id: string,
    @Param('lineId') lineId: string,
    @Param('act') act: string,
    @Param('actId') actId: string,
    @ActingTerminal() terminalId?: string,
  ) {
    const type = ACT_PATHS[act];
    if (!type) throw new DispensationException('ACT_UNKNOWN', DISPENSATION_DETAILS.ACT_UNKNOWN.kind({ act }));
    return this.acts.cancel(id, lineId, type, actId, requireTerminal(terminalId));
  }

  @Post('issues/:code/override')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Overrides a blocking issue with its why: a reason or an intervention (pharmacien only)',
  })
  @ApiAnswer(200, 'Dispensation')
  @ApiProblems(400, 403, 404, 409, 422)
  override(
    @Param('id') id: string,
    @Param('code') code: string,
    @Body() body: OverrideDto,
    @ActingTerminal() terminalId?: string,
  ) {
    return this.acts.override(id, code, body, requireTerminal(terminalId));
  }

  @Post('validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Validates: freezes the dispensation and queues its execution record' })
  @ApiAnswer(200, 'Validation')
  @ApiProblems(403, 404, 409)
  validate(@Param('id') id: string, @ActingTerminal() terminalId?: string) {
    return this.validation.validate(id, requireTerminal(terminalId));
  }
}
