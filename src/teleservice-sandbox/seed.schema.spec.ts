import { EXAMPLE_SEED } from '../../test/fixtures/teleservice/examples';
import { faultsSchema, foreignExecutionSchema, seedSchema, toPharmacyRef, validate } from './seed.schema';

describe('sandbox admin validation', () => {
  it('accepts the API.md seed shape', () => {
    expect(validate(seedSchema, EXAMPLE_SEED)).toMatchObject({ ok: true });
  });

  const line = EXAMPLE_SEED.lines[0];
  it.each([
    ['no lines', { ...EXAMPLE_SEED, lines: [] }, 'lines: a prescription has at least one line'],
    ['a bad RPPS', { ...EXAMPLE_SEED, prescriber: { rpps: '123' } }, 'prescriber.rpps: RPPS: 11 digits'],
    [
      'a bad birth date',
      { ...EXAMPLE_SEED, patient: { ...EXAMPLE_SEED.patient, birthDate: '23/02/1966' } },
      'patient.birthDate',
    ],
    ['an unknown field', { ...EXAMPLE_SEED, extra: 1 }, 'Unrecognized key'],
    ['an unknown kind', { ...EXAMPLE_SEED, lines: [{ ...line, kind: 'food' }] }, 'lines.0.kind'],
    [
      'a medication without product',
      { ...EXAMPLE_SEED, lines: [{ ...line, product: { label: 'x' } }] },
      'lines.0.product: a medication line names its product by cis, cip13 or dc',
    ],
    [
      'a device without code',
      { ...EXAMPLE_SEED, lines: [{ ...line, kind: 'device', product: { label: 'x' } }] },
      'a device line names its product by lpp or code',
    ],
    ['no posology text', { ...EXAMPLE_SEED, lines: [{ ...line, posology: {} }] }, 'lines.0.posology.text'],
    [
      'a bad CIP13',
      { ...EXAMPLE_SEED, lines: [{ ...line, product: { cip13: '34009' } }] },
      'CIP13: 13 digits',
    ],
    [
      'duplicate line ids',
      {
        ...EXAMPLE_SEED,
        lines: [
          { ...line, lineId: 'a' },
          { ...line, lineId: 'a' },
        ],
      },
      'lineId values must be unique',
    ],
    ['a body that is no object', 'hello', '(body)'],
  ])('refuses %s with a clear message', (_label, body, message) => {
    const result = validate(seedSchema, body);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });

  it('validates foreign executions and fault settings', () => {
    expect(
      validate(foreignExecutionSchema, {
        pharmacy: '990000029',
        lines: [{ lineId: '1', quantity: 1 }],
        date: '2026-11-21',
      }).ok,
    ).toBe(true);
    expect(validate(foreignExecutionSchema, { pharmacy: {}, lines: [], date: 'x' })).toMatchObject({
      ok: false,
    });
    expect(validate(faultsSchema, { mode: 'latency', rate: 0.5, latencyMs: 100, seed: 7 }).ok).toBe(true);
    expect(validate(faultsSchema, { mode: 'explode', rate: 2 })).toMatchObject({
      ok: false,
      message: expect.stringContaining('mode'),
    });
  });

  it('reads a pharmacy given as a string', () => {
    expect(toPharmacyRef('990000029')).toEqual({ finess: '990000029' });
    expect(toPharmacyRef('Pharmacie de la Gare')).toEqual({ name: 'Pharmacie de la Gare' });
  });
});
