import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/principal';
import { Database } from '../database/database';
import { DeviceRegistry } from '../devices/device-registry';
import { CheckStatus, HealthRegistry } from './health-registry';
import { ApiAnswer } from '../http/openapi-schemas';

const CHECK_TIMEOUT_MS = 2000;

async function bounded<T>(p: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>(
    (resolve) => (timer = setTimeout(() => resolve(fallback), CHECK_TIMEOUT_MS)),
  );
  try {
    return await Promise.race([p.catch(() => fallback), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Database,
    private readonly registry: HealthRegistry,
    private readonly devices: DeviceRegistry,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '200 ok|degraded; 503 only when the database is unusable' })
  @ApiAnswer(200, 'Health')
  @ApiAnswer(503, 'Health', 'The database is unusable')
  async health(@Res({ passthrough: true }) res: Response) {
    const down: { status: CheckStatus } = { status: 'down' };
    const database = await bounded<{ status: CheckStatus }>(
      this.db.ping().then(() => ({ status: 'up' })),
      down,
    );
    const checks: Record<string, unknown> = { database };
    let degraded = false;
    for (const c of this.registry.all()) {
      const result = await bounded(c.check(), down);
      checks[c.name] = result;
      if (result.status === 'down') degraded = true;
    }
    if (!checks.teleservice) checks.teleservice = { status: 'down', detail: 'not configured' };
    const devices = this.devices.list();
    const devicesDown = devices.filter((d) => d.status !== 'connected').length;
    checks.devices = { status: devicesDown ? 'down' : 'up', total: devices.length, down: devicesDown };
    if (devicesDown || (checks.teleservice as { status: string }).status === 'down') degraded = true;
    if (database.status === 'down') {
      res.status(503);
      return { status: 'degraded', checks };
    }
    return { status: degraded ? 'degraded' : 'ok', checks };
  }
}
