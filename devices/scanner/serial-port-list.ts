import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SerialPort } from 'serialport';
import { SILENT_LOGGER, type DeviceLogger } from './types';

export interface SerialPortInfo {
  path: string;
  vendorId?: number;
  productId?: number;
  manufacturer?: string;
  serialNumber?: string;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const hex = (value?: string): number | undefined => (value ? Number.parseInt(value, 16) : undefined);

// serialport shells out to udevadm on Linux and used to crash without udev: check first, contain all failures.
export async function listSerialPorts(logger: DeviceLogger = SILENT_LOGGER): Promise<SerialPortInfo[]> {
  if (process.platform === 'linux' && !onPath('udevadm')) {
    logger.warn('serial port listing unavailable: udevadm not found (Debian package udev)');
    return [];
  }
  try {
    const ports = await SerialPort.list();
    return ports.map((p) => ({
      path: p.path,
      vendorId: hex(p.vendorId),
      productId: hex(p.productId),
      manufacturer: p.manufacturer,
      serialNumber: p.serialNumber,
    }));
  } catch (err) {
    logger.warn('serial port listing failed', { error: String(err) });
    return [];
  }
}

// For CDC-ACM scanners whose /dev/ttyACMn number moves between plugs.
export async function findSerialPort(
  usb: { vendorId: number; productId?: number },
  logger?: DeviceLogger,
): Promise<string | undefined> {
  const ports = await listSerialPorts(logger);
  return ports.find(
    (p) => p.vendorId === usb.vendorId && (usb.productId === undefined || p.productId === usb.productId),
  )?.path;
}
