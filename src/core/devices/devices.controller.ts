import { CurrentPrincipal, Principal } from '../auth/principal';
import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Owns, TerminalFree } from '../auth/ownership';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import { CoreException } from '../errors/core.exception';
import { DeviceRegistry } from './device-registry';
import { ApiAnswer, ApiProblems } from '../http/openapi-schemas';
import { CORE_DETAILS } from '../errors/error-messages';

export class SimulateDto {
  @ApiProperty({
    maxLength: 8192,
    description: 'What the simulated scanner types (framing added), or for a card reader `demo`/`remove`',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(8192)
  data: string;
}

@ApiTags('devices')
@Controller('api/v1/devices')
export class DevicesController {
  constructor(
    private readonly registry: DeviceRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @TerminalFree('device ids, kinds and status of the pharmacy: no patient data')
  @ApiOperation({ summary: 'Scanners and card readers with their status' })
  @ApiAnswer(200, 'DeviceList')
  list(@CurrentPrincipal() principal: Principal) {
    // The caller's pharmacy's devices: those of its terminals (a device's terminal names its pharmacy).
    const own = new Set(
      this.config.terminals.filter((t) => t.pharmacyId === principal.pharmacyId).map((t) => t.id),
    );
    const single = this.config.pharmacies.length === 1;
    return { items: this.registry.list().filter((d) => single || own.has(d.terminalId)) };
  }

  @Post(':id/simulate')
  @HttpCode(202)
  @Owns('device')
  @ApiOperation({ summary: 'Sandbox only: types the data through that simulated scanner, as if scanned' })
  @ApiAnswer(202, 'SimulationAccepted')
  @ApiProblems(400, 404, 409)
  async simulate(@Param('id') id: string, @Body() body: SimulateDto) {
    if (!this.config.sandbox.simulation)
      throw new CoreException('SIMULATION_DISABLED', CORE_DETAILS.SIMULATION_DISABLED.notSandbox());
    await this.registry.simulate(id, body.data);
    return { deviceId: id, accepted: true };
  }
}
