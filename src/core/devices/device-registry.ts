import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { CoreException } from '../errors/core.exception';
import { CORE_DETAILS } from '../errors/error-messages';

export type DeviceKind = 'scanner' | 'card-reader';
export type DeviceStatus = 'connected' | 'disconnected' | 'error' | 'starting';

export interface DeviceInfo {
  id: string;
  kind: DeviceKind;
  driver: string;
  terminalId: string;
  status: DeviceStatus;
  lastSeenAt: string | null;
}

interface Entry extends DeviceInfo {
  /** Present on simulated devices: types data through the device, framing included. */
  simulate?: (data: string) => Promise<void>;
}

/** Every device a stage drives, with its live status, for GET /api/v1/devices and /health. */
@Injectable()
export class DeviceRegistry {
  private readonly devices = new Map<string, Entry>();

  constructor(@Inject(Clock) private readonly clock: Clock) {}

  register(info: Omit<DeviceInfo, 'status' | 'lastSeenAt'>, simulate?: Entry['simulate']): void {
    this.devices.set(info.id, { ...info, status: 'starting', lastSeenAt: null, simulate });
  }

  setStatus(id: string, status: DeviceStatus): void {
    const d = this.devices.get(id);
    if (!d) return;
    d.status = status;
    if (status === 'connected') d.lastSeenAt = this.clock.now().toISOString();
  }

  /** A device produced data: it is alive. */
  seen(id: string): void {
    const d = this.devices.get(id);
    if (!d) return;
    d.status = 'connected';
    d.lastSeenAt = this.clock.now().toISOString();
  }

  list(): DeviceInfo[] {
    return [...this.devices.values()].map(({ simulate: _s, ...info }) => info);
  }

  get(id: string): DeviceInfo {
    const d = this.devices.get(id);
    if (!d) throw new CoreException('DEVICE_UNKNOWN', CORE_DETAILS.DEVICE_UNKNOWN.unknown({ id }));
    const { simulate: _s, ...info } = d;
    return info;
  }

  async simulate(id: string, data: string): Promise<void> {
    const d = this.devices.get(id);
    if (!d) throw new CoreException('DEVICE_UNKNOWN', CORE_DETAILS.DEVICE_UNKNOWN.unknown({ id }));
    if (!d.simulate)
      throw new CoreException('DEVICE_NOT_SIMULATED', CORE_DETAILS.DEVICE_NOT_SIMULATED.real({ id }));
    await d.simulate(data);
  }

  unregister(id: string): void {
    this.devices.delete(id);
  }
}
