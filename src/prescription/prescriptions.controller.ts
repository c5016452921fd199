import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PrescriptionService } from './prescription.service';

@ApiTags('prescriptions')
@ApiBearerAuth()
@Controller('api/v1/prescriptions')
export class PrescriptionsController {
  constructor(private readonly prescriptions: PrescriptionService) {}

  @Get(':id')
  @ApiOperation({ summary: 'The prescription with what was already delivered, here and elsewhere' })
  get(@Param('id') id: string) {
    return this.prescriptions.get(id);
  }

  @Post(':id/retrieve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Fetches the prescription from the teleservice now (manual entry)' })
  retrieve(@Param('id') id: string) {
    return this.prescriptions.retrieve(id);
  }
}
