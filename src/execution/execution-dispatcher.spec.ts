import { PrescriptionException } from '../prescription/prescription.exception';
import { classifyFailure } from './execution-dispatcher.service';
import { Text } from '../core/i18n/messages';

describe('classifyFailure', () => {
  it.each([
    ['TELESERVICE_UNAVAILABLE', undefined, true],
    ['SIGNER_UNAVAILABLE', undefined, true],
    ['TELESERVICE_PROTOCOL_ERROR', { outcomeUnknown: true }, true],
    ['SEQUENCE_OUT_OF_ORDER', undefined, false],
    ['EXECUTION_CONFLICT', undefined, false],
    ['NOT_AUTHORISED', undefined, false],
    ['PRESCRIPTION_UNKNOWN', undefined, false],
    ['TELESERVICE_REFUSED', undefined, false],
  ] as const)('%s is transient: %s', (code, extra, transient) => {
    const error = new PrescriptionException(
      code,
      new Text('détail', 'detail'),
      extra ? { extra } : undefined,
    );
    expect(classifyFailure(error)).toEqual({ transient, lastError: `${code}: detail` });
  });

  it('resends on an unexpected error rather than parking', () => {
    expect(classifyFailure(new Error('socket hang up'))).toEqual({
      transient: true,
      lastError: 'UNEXPECTED: socket hang up',
    });
  });
});
