import pino from 'pino';
import { Writable } from 'node:stream';
import { REDACTED_PATHS, redactScan } from './redaction';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const logger = pino({ level: 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, stream);
  return { logger, lines };
}

describe('log redaction', () => {
  it('censors patient identity, raw scans and credentials at info level', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        scan: { kind: 'prescription-qr', data: '{"S":{"V":2}…', patient: { lastName: 'GENE' } },
        card: {
          lastName: 'GENE',
          firstName: 'Alain',
          birthDate: '1966-02-23',
          nir: '1660299000000',
          ins: 'x',
        },
        req: { headers: { authorization: 'Bearer secret-token', cookie: 'sid=abc' } },
      },
      'event',
    );
    const out = lines.join('');
    for (const secret of [
      'GENE',
      'Alain',
      '1966-02-23',
      '1660299000000',
      'secret-token',
      'sid=abc',
      '"S":{"V":2}',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('prescription-qr');
  });

  it('keeps only the first 3 characters and the length of a scan in debug logs', () => {
    expect(redactScan('3400930091357')).toBe('340…[13 chars]');
  });
});
