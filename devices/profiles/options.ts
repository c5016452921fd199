import { ScannerError } from '../scanner/scanner-error';
import type { HidScannerOptions } from '../scanner/hid/hid-scanner';
import type { SerialScannerOptions } from '../scanner/serial-scanner';
import type { ScannerProfile } from './profile';

function requireTransport(profile: ScannerProfile, transports: Array<ScannerProfile['transport']>): void {
  if (!transports.includes(profile.transport)) {
    throw new ScannerError('INVALID_OPTIONS', `profile ${profile.id} is a ${profile.transport} profile`);
  }
}

// `extra` adds what a profile cannot know (path, logger, clock) and overrides the rest.
export function serialScannerOptions(
  profile: ScannerProfile,
  extra: Partial<SerialScannerOptions> = {},
): SerialScannerOptions {
  requireTransport(profile, ['serial']);
  const { suffix, prefix, interByteTimeoutMs, encoding } = profile.framing;
  if (suffix === 'enter')
    throw new ScannerError('INVALID_OPTIONS', `profile ${profile.id}: enter is a keyboard suffix`);
  const { vendorId, productId } = profile;
  return {
    ...profile.serial,
    ...(extra.path === undefined && vendorId !== undefined ? { usb: { vendorId, productId } } : {}),
    ...extra,
    framing: {
      suffix,
      prefix,
      interByteTimeoutMs,
      encoding,
      fnc1Replacement: profile.fnc1Replacement,
      ...extra.framing,
    },
  };
}

export function hidScannerOptions(
  profile: ScannerProfile,
  extra: Partial<HidScannerOptions> = {},
): HidScannerOptions {
  requireTransport(profile, ['hid-pos', 'hid-keyboard']);
  const { suffix, prefix, interByteTimeoutMs, encoding } = profile.framing;
  const { vendorId, productId, fnc1Replacement } = profile;
  const base = { vendorId, productId, ...extra };
  if (profile.transport === 'hid-pos') {
    return { ...base, mode: 'hid-pos', hidPos: { encoding, prefix, fnc1Replacement, ...extra.hidPos } };
  }
  const keyboard = {
    layout: profile.layout ?? 'auto',
    suffix: suffix === 'none' ? ('none' as const) : ('enter' as const),
    interKeyTimeoutMs: interByteTimeoutMs,
    prefix,
    fnc1Replacement,
  };
  return { ...base, mode: 'hid-keyboard', keyboard: { ...keyboard, ...extra.keyboard } };
}
