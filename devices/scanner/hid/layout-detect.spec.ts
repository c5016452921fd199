import { textToBootReports } from '../../sim/hid-report-generator';
import { finishFrame } from '../framing';
import { BootReportDecoder, type KeyEvent } from './boot-keyboard';
import type { LayoutId } from './keyboard-layouts';
import { chooseLayout, defaultValidate, gtinCheckDigitValid } from './layout-detect';

const QR = '{"S":{"V":2},"D":{"ID":"202106180921110040"}}';

function keysOf(text: string, layout: LayoutId): KeyEvent[] {
  const decoder = new BootReportDecoder();
  return textToBootReports(text, layout, { enter: false }).flatMap((r) => decoder.push(r));
}

const toFrame = (text: string) => finishFrame(text, Buffer.alloc(0), 0, {});

describe('gtinCheckDigitValid', () => {
  it.each([
    ['3400949497294', true],
    ['3400949497295', false],
    ['03400949497294', true],
    ['96385074', true],
    ['1234567', false],
    ['34009494972a4', false],
  ])('%s → %s', (digits, valid) => {
    expect(gtinCheckDigitValid(digits)).toBe(valid);
  });
});

describe('defaultValidate', () => {
  it.each([
    [QR, true],
    ['{"S":{"V":2}', false],
    ['3400949497294', true],
    ['3400949497295', false],
    ['&é"\'(-è_çà', false],
    ['0103400949497294172712311', true],
    ['0103400949497295172712311', false],
    ['202106180921110040', false],
    ['', false],
  ])('%j → %s', (data, valid) => {
    expect(defaultValidate(data)).toBe(valid);
  });
});

describe('chooseLayout', () => {
  it('reads JSON typed for an AZERTY host as AZERTY even when QWERTY is tried first', () => {
    const choice = chooseLayout(keysOf(QR, 'fr-azerty'), ['us-qwerty', 'fr-azerty'], toFrame);
    expect(choice).toMatchObject({ layout: 'fr-azerty', validated: true, frame: { data: QR } });
  });

  it('reads an EAN-13 typed for a QWERTY host as QWERTY even when AZERTY is tried first', () => {
    const choice = chooseLayout(keysOf('3400949497294', 'us-qwerty'), ['fr-azerty', 'us-qwerty'], toFrame);
    expect(choice).toMatchObject({ layout: 'us-qwerty', validated: true, frame: { data: '3400949497294' } });
  });

  it('falls back to the first candidate, unvalidated, when nothing validates', () => {
    const choice = chooseLayout(keysOf('hello', 'us-qwerty'), ['fr-azerty', 'us-qwerty'], toFrame);
    expect(choice).toMatchObject({ layout: 'fr-azerty', validated: false, frame: { data: 'hello' } });
  });

  it('uses the injected validator, and a throwing one means "not this layout"', () => {
    const keys = keysOf('AB-12', 'fr-azerty');
    const validate = (data: string): boolean => {
      if (!/^[A-Z]{2}-\d{2}$/.test(data)) throw new Error('parser says no');
      return true;
    };
    expect(chooseLayout(keys, ['us-qwerty', 'fr-azerty'], toFrame, validate).layout).toBe('fr-azerty');
  });
});
