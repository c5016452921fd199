import { ScannerError } from '../scanner/scanner-error';
import { datalogicGryphonSerial } from './datalogic-gryphon';
import { genericHidKeyboardAzerty } from './generic-hid-keyboard-azerty';
import { genericSerialCr } from './generic-serial-cr';
import { honeywellXenonHidPos, honeywellXenonSerial } from './honeywell-xenon';
import type { ScannerProfile } from './profile';
import { zebraDs2208Keyboard } from './zebra-ds2208';

export type { ScannerProfile, ScannerTransport } from './profile';
export { hidScannerOptions, serialScannerOptions } from './options';

export const SCANNER_PROFILES: readonly ScannerProfile[] = [
  genericSerialCr,
  genericHidKeyboardAzerty,
  honeywellXenonSerial,
  honeywellXenonHidPos,
  zebraDs2208Keyboard,
  datalogicGryphonSerial,
];

export function getScannerProfile(id: string): ScannerProfile {
  const profile = SCANNER_PROFILES.find((p) => p.id === id);
  if (!profile) {
    const known = SCANNER_PROFILES.map((p) => p.id).join(', ');
    throw new ScannerError('INVALID_OPTIONS', `unknown scanner profile "${id}" (known: ${known})`);
  }
  return profile;
}

// An exact product id is the stronger match, so it comes before the vendor-only profiles.
export function findScannerProfiles(vendorId: number, productId?: number): ScannerProfile[] {
  const byVendor = SCANNER_PROFILES.filter((p) => p.vendorId === vendorId);
  return [
    ...byVendor.filter((p) => p.productId !== undefined && p.productId === productId),
    ...byVendor.filter((p) => p.productId === undefined),
  ];
}
