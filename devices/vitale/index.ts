// Public surface of devices/vitale. The concrete bridge is left out on purpose: import `PcscBridge` from
// devices/vitale/pcsc-bridge in a driver adapter or module, so that scripts/check-deps.ts sees who uses it.
export * from './vitale-error';
export * from './apdu';
export * from './tlv';
export * from './card-holder';
export * from './vitale2-profile';
export * from './sesam-vitale.port';
export * from './bridge.types';
export {
  loadPcscLite,
  probePcscdSocket,
  defaultPcscdSocket,
  pcscReturnCode,
  type PcscContext,
  type PcscFactory,
  type PcscReader,
  type PcscReaderStatus,
} from './pcsc-module';
