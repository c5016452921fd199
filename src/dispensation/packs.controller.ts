import { Body, Controller, Delete, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Owns } from '../core/auth/ownership';
import { Roles } from '../core/auth/principal';
import { AddPackDto, AssignPackDto, ManualDeliveryDto } from './dto/pack.dto';
import { PacksService } from './packs.service';
import { ApiAnswer, ApiProblems } from '../core/http/openapi-schemas';

/** API.md § Dispensations: packs and items without a barcode; each answer is the updated Dispensation. */
@ApiTags('dispensations')
@ApiBearerAuth()
@Roles('counter', 'lgo')
@Owns('dispensation')
@Controller('api/v1/dispensations/:id')
export class PacksController {
  constructor(private readonly packs: PacksService) {}

  @Post('packs')
  @ApiOperation({
    summary: 'Adds a pack (scan, CIP13 or code); what is wrong with it is an issue, not a 4xx',
  })
  @ApiAnswer(201, 'Dispensation')
  @ApiProblems(400, 403, 404, 409, 422)
  add(@Param('id') id: string, @Body() body: AddPackDto) {
    return this.packs.add(id, body);
  }

  @Patch('packs/:packId')
  @ApiOperation({
    summary: 'Assigns a pack to a line (the pharmacist says which line it answers), and/or gives its price',
  })
  @ApiAnswer(200, 'Dispensation')
  @ApiProblems(400, 403, 404, 409)
  assign(@Param('id') id: string, @Param('packId') packId: string, @Body() body: AssignPackDto) {
    return this.packs.assign(id, packId, body);
  }

  @Delete('packs/:packId')
  @ApiOperation({ summary: 'Removes a pack from the dispensation' })
  @ApiAnswer(200, 'Dispensation')
  @ApiProblems(403, 404, 409)
  remove(@Param('id') id: string, @Param('packId') packId: string) {
    return this.packs.remove(id, packId);
  }

  @Post('lines/:lineId/manual-delivery')
  @ApiOperation({ summary: 'Delivers an item without a barcode on a line (magistral preparation, device)' })
  @ApiAnswer(201, 'Dispensation')
  @ApiProblems(400, 403, 404, 409)
  addManual(@Param('id') id: string, @Param('lineId') lineId: string, @Body() body: ManualDeliveryDto) {
    return this.packs.addManual(id, lineId, body.quantity, body.comment, body);
  }

  @Delete('lines/:lineId/manual-delivery/:deliveryId')
  @ApiOperation({ summary: 'Cancels a manual delivery before validation' })
  @ApiAnswer(200, 'Dispensation')
  @ApiProblems(403, 404, 409)
  removeManual(
    @Param('id') id: string,
    @Param('lineId') lineId: string,
    @Param('deliveryId') deliveryId: string,
  ) {
    return this.packs.removeManual(id, lineId, deliveryId);
  }
}
