import type { ScanFrame } from '../types';
import { decodeKeys, type KeyEvent } from './boot-keyboard';
import { LAYOUTS, type LayoutId } from './keyboard-layouts';

/** Says whether a decoded code's data makes sense; the service passes its real code parser. */
export type TextValidator = (data: string) => boolean;

export function gtinCheckDigitValid(digits: string): boolean {
  if (!/^\d{8,14}$/.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 2, weight = 3; i >= 0; i--, weight = 4 - weight)
    sum += Number(digits[i]) * weight;
  return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]);
}

// A stand-in so devices/ works alone; the service passes its real code parser instead.
export function defaultValidate(data: string): boolean {
  if (/^\d{13}$|^\d{8}$/.test(data)) return gtinCheckDigitValid(data);
  const gs1 = /^01(\d{14})/.exec(data);
  if (gs1) return gtinCheckDigitValid(gs1[1]);
  if (!/^\s*[[{]/.test(data)) return false;
  try {
    JSON.parse(data);
    return true;
  } catch {
    return false;
  }
}

export interface LayoutChoice<F extends ScanFrame = ScanFrame> {
  layout: LayoutId;
  frame: F;
  // False: nothing validated and `frame` is the first candidate's reading.
  validated: boolean;
}

export function chooseLayout<F extends ScanFrame>(
  events: readonly KeyEvent[],
  candidates: readonly LayoutId[],
  toFrame: (text: string) => F,
  validate: TextValidator = defaultValidate,
): LayoutChoice<F> {
  let first: LayoutChoice<F> | undefined;
  for (const layout of candidates) {
    const frame = toFrame(decodeKeys(events, LAYOUTS[layout]));
    if (safe(validate, frame.data)) return { layout, frame, validated: true };
    first ??= { layout, frame, validated: false };
  }
  if (!first) throw new RangeError('chooseLayout needs at least one candidate layout');
  return first;
}

// A validator that throws (a parser rejecting the text) means "not this layout".
function safe(validate: TextValidator, data: string): boolean {
  try {
    return validate(data);
  } catch {
    return false;
  }
}
