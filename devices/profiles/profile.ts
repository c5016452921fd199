import type { Suffix, TextEncoding } from '../scanner/framing';
import type { LayoutId } from '../scanner/hid/keyboard-layouts';
import type { Parity } from '../scanner/serial-scanner';

export type ScannerTransport = 'serial' | 'hid-pos' | 'hid-keyboard';

/** One supported scanner model in one interface mode: how to find it and how it frames codes. */
export interface ScannerProfile {
  /** Stable name used in config (`scanners[].profile`). */
  id: string;
  name: string;
  transport: ScannerTransport;
  /** USB vendor id; absent for generic profiles. */
  vendorId?: number;
  /** USB product id, only where a source gives it; scanners change it with the interface mode. */
  productId?: number;
  framing: {
    /** Serial: CR, LF, CRLF or none. Keyboard: `enter` or `none`. HID POS frames by report, not suffix. */
    suffix: Suffix | 'enter';
    prefix?: string;
    /** Inter-byte (serial) or inter-key (keyboard) timeout. */
    interByteTimeoutMs?: number;
    encoding?: TextEncoding;
  };
  serial?: { baudRate: number; dataBits: 7 | 8; stopBits: 1 | 2; parity: Parity };
  /** Keyboard mode: the host layout the scanner types for, or `auto`. */
  layout?: LayoutId | 'auto';
  /** Character the scanner is set to send for GS / FNC1, when it cannot send 0x1D itself. */
  fnc1Replacement?: string;
  /** What to program on the scanner (from its user guide) for this profile to hold. */
  setup: string;
}
