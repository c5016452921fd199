// Public surface of devices/ for the service and for LGO integrators. The concrete drivers are left out on
// purpose: import them from devices/scanner/serial-scanner and devices/scanner/hid/hid-scanner, so that the
// dependency check (scripts/check-deps.ts) sees which files use them.
export * from './scanner/aim';
export * from './scanner/types';
export * from './scanner/scanner-error';
export * from './scanner/framing';
export { listSerialPorts, findSerialPort, type SerialPortInfo } from './scanner/serial-port-list';
export type {
  SerialScannerOptions,
  SerialLineOptions,
  SerialPortLike,
  Parity,
} from './scanner/serial-scanner';
export type { HidScannerOptions, HidMode } from './scanner/hid/hid-scanner';
export * from './scanner/hid/boot-keyboard';
export * from './scanner/hid/hid-pos';
export * from './scanner/hid/keyboard-framer';
export * from './scanner/hid/keyboard-layouts';
export * from './scanner/hid/layout-detect';
export * from './scanner/hid/node-hid';
export * from './profiles';
export * from './sim/demo-scans';
export * from './sim/fake-node-hid';
export * from './sim/hid-report-generator';
export * from './sim/in-memory-scanner';
export * from './sim/virtual-serial-scanner';
// Carte Vitale: the codec, the profile and the bridge's types; the PC/SC bridge itself is
// devices/vitale/pcsc-bridge (a concrete driver, like the scanners').
export * as vitale from './vitale';
export * from './sim/virtual-vitale-card';
