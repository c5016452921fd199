import { deviceLogger } from '../../core/logging/device-logger';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../../core/config/config.schema';
import { APP_CONFIG } from '../../core/config/config.tokens';
import { DeviceRegistry } from '../../core/devices/device-registry';
import { ScanException } from '../scan.exception';
import { ScanService } from '../scan.service';
import { ScannerFactory, ScannerPort } from './scanner.port';

/** Starts every terminal's scanners and sends what they read down the same path as POST /api/v1/scans. */
@Injectable()
export class ScannerManager implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('scanner');
  private readonly scanners: ScannerPort[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: DeviceRegistry,
    private readonly scans: ScanService,
    private readonly factory: ScannerFactory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const logger = deviceLogger(this.logger);
    const validate = (text: string) => {
      try {
        this.scans.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    for (const terminal of this.config.terminals) {
      for (const sc of terminal.scanners) {
        const scanner = this.factory.create(sc, { logger, validate });
        this.scanners.push(scanner);
        this.registry.register(
          { id: sc.id, kind: 'scanner', driver: sc.driver, terminalId: terminal.id },
          scanner.simulate ? (data) => scanner.simulate!(data) : undefined,
        );
        await scanner.start({
          frame: (frame) => void this.onFrame(terminal.id, sc.id, frame.data),
          status: (status, detail) => {
            this.registry.setStatus(sc.id, status);
            this.logger.log({ deviceId: sc.id, status, detail }, 'scanner status');
          },
        });
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.scanners.map((s) => s.stop()));
    this.scanners.length = 0;
  }

  private async onFrame(terminalId: string, deviceId: string, data: string): Promise<void> {
    this.registry.seen(deviceId);
    try {
      // The driver already turned the scanner's FNC1 replacement back into GS.
      await this.scans.ingest({ data, terminalId, deviceId, source: 'device' });
    } catch (err) {
      // A bad code from a device is reported on the terminal's event stream; the scanner keeps going.
      if (err instanceof ScanException) this.logger.warn({ deviceId, code: err.code }, 'unreadable scan');
      else this.logger.error({ deviceId, err }, 'scan routing failed');
    }
  }
}
