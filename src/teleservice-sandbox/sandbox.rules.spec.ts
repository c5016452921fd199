import type { ExecutionPayload } from '../prescription/teleservice/teleservice.types';
import type { StoredRecord, StoredSeed } from './sandbox.store';
import {
  canonicalJson,
  decideSequence,
  missingMandatory,
  defaultExpiry,
  normalizeName,
  payloadHash,
  pharmacyKey,
  prescriptionStatus,
  qrMismatches,
} from './sandbox.rules';

const SEED: StoredSeed = {
  prescriptionId: 'P1',
  createdAt: '2026-11-20',
  expiresAt: '2027-11-20',
  prescriber: { rpps: '99900038441', am: '991118019' },
  patient: { lastName: "D'ARC-LEBRUN", firstName: 'Hélène Marie', birthDate: '1966-02-23' },
  consentExecutionView: true,
  lines: [
    {
      lineId: '1',
      kind: 'medication',
      product: { cis: '69309629' },
      posology: { text: 'x' },
      quantity: { boxes: 2 },
    },
    { lineId: '2', kind: 'device', product: { code: '3401500001233' }, posology: { text: 'y' }, renewals: 1 },
  ],
};

const record = (sequence: number, over: Partial<StoredRecord> = {}): StoredRecord => ({
  prescriptionId: 'P1',
  pharmacyKey: 'finess:990000011',
  pharmacy: { finess: '990000011' },
  sequence,
  kind: 'execution',
  date: '2026-11-21',
  lines: [],
  payload: { n: sequence },
  payloadHash: `h${sequence}`,
  ack: {
    prescriptionId: 'P1',
    sequence,
    kind: 'execution',
    acknowledgementId: `a${sequence}`,
    receivedAt: '2026-11-21T10:00:00Z',
  },
  receivedAt: '2026-11-21T10:00:00Z',
  cancelled: false,
  source: 'soap',
  ...over,
});

describe('sandbox rules', () => {
  it.each([
    ["D'ARC-LEBRUN", 'D ARC LEBRUN'],
    ['d’Arc  Lebrun', 'D ARC LEBRUN'],
    ['Hélène-Marie', 'HELENE MARIE'],
    ['  Œdipe ', 'OEDIPE'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it.each([
    [{ lastName: 'd’arc lebrun', firstName: 'HELENE-MARIE', birthDate: '1966-02-23' }, []],
    [{ lastName: 'DARC', firstName: 'Hélène Marie', birthDate: '1966-02-23' }, ['patient.lastName']],
    [{ lastName: "D'ARC-LEBRUN", firstName: 'Hélène Marie', birthDate: '1966-02-24' }, ['patient.birthDate']],
    [
      {
        lastName: "D'ARC-LEBRUN",
        firstName: 'Hélène Marie',
        birthDate: '1966-02-23',
        prescriberRpps: '10000000000',
      },
      ['prescriber.rpps'],
    ],
    [
      { lastName: "D'ARC-LEBRUN", firstName: 'X', birthDate: '1966-02-23', prescriberAm: '000000000' },
      ['patient.firstName', 'prescriber.am'],
    ],
  ])('compares QR traits %j', (traits, mismatches) => {
    expect(qrMismatches(SEED, traits)).toEqual(mismatches);
  });

  it.each([
    ['first call', [], 1, 'h1', { action: 'accept' }],
    ['next call', [record(1)], 2, 'h2', { action: 'accept' }],
    ['a gap', [record(1)], 3, 'h3', { action: 'out-of-order', expected: 2 }],
    ['the first call skipped', [], 2, 'h2', { action: 'out-of-order', expected: 1 }],
    ['a replay', [record(1), record(2)], 1, 'h1', { action: 'replay', record: record(1) }],
    ['another payload', [record(1)], 1, 'other', { action: 'conflict', record: record(1) }],
  ])('sequence: %s', (_label, own, sequence, hash, decision) => {
    expect(decideSequence(own, sequence, 'execution', hash)).toEqual(decision);
  });

  it('treats the same sequence with another kind as a conflict', () => {
    expect(decideSequence([record(1)], 1, 'cancellation', 'h1').action).toBe('conflict');
  });

  it.each([
    ['nothing delivered', [], '2026-11-22', 'open'],
    ['past expiry', [], '2027-11-21', 'expired'],
    [
      'partly delivered',
      [
        record(1, {
          lines: [
            { lineId: '1', quantity: 2 },
            { lineId: '2', quantity: 1 },
          ],
        }),
      ],
      '2026-11-22',
      'partially-executed',
    ],
    [
      'fully delivered across pharmacies',
      [
        record(1, {
          lines: [
            { lineId: '1', quantity: 2 },
            { lineId: '2', quantity: 1 },
          ],
        }),
        record(1, { pharmacyKey: 'finess:990000029', lines: [{ lineId: '2', quantity: 1 }] }),
      ],
      '2027-12-01',
      'fully-executed',
    ],
    [
      'a cancelled delivery does not count',
      [
        record(1, {
          lines: [
            { lineId: '1', quantity: 2 },
            { lineId: '2', quantity: 2 },
          ],
          cancelled: true,
        }),
      ],
      '2026-11-22',
      'open',
    ],
  ])('status: %s', (_label, records, today, status) => {
    expect(prescriptionStatus(SEED, records as StoredRecord[], today)).toBe(status);
  });

  it('status: what the prescriber or the base set comes first (cancelled over everything, expired over open)', () => {
    const delivered = [record(1, { lines: [{ lineId: '1', quantity: 1 }] })];
    expect(prescriptionStatus(SEED, delivered, '2026-11-22', 'cancelled')).toBe('cancelled');
    expect(prescriptionStatus(SEED, delivered, '2026-11-22', 'expired')).toBe('expired');
    expect(prescriptionStatus(SEED, [], '2026-11-22', 'expired')).toBe('expired');
  });

  it('names every mandatory field an execution lacks (API.md: prescriber, pharmacy, operator, price, rate)', () => {
    const execution: ExecutionPayload = {
      dispensingDate: '2026-11-22',
      renewalNumber: 0,
      pharmacist: { rpps: '10001234567', role: 'pharmacien' },
      pharmacy: { finess: '990000011' },
      lines: [
        { lineId: '1', products: [{ cip13: '3400941533969', quantity: 1, unitPriceCents: 216 }] },
        { lineId: '2', products: [{ quantity: 1, reimbursementRate: 60 }] },
        { lineId: '3', products: [], nonDelivery: { reason: 'out-of-stock' } },
      ],
    };
    expect(missingMandatory(execution)).toEqual([
      'prescriber.rpps',
      'pharmacy.am',
      'lines[0].products[0].reimbursementRate',
      'lines[1].products[0].cip13',
      'lines[1].products[0].unitPriceCents',
    ]);
    const complete = structuredClone(execution);
    complete.prescriber = { rpps: '99900038441' };
    complete.pharmacy = { finess: '990000011', am: '991234567' };
    complete.lines[0].products[0].reimbursementRate = 65;
    complete.lines[1].products[0] = {
      code: '3401500001233',
      quantity: 1,
      unitPriceCents: 950,
      reimbursementRate: 60,
    };
    expect(missingMandatory(complete)).toEqual([]);
  });

  it('hashes payloads independently of key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(payloadHash('execution', { a: 1, b: 2 })).toBe(payloadHash('execution', { b: 2, a: 1 }));
    expect(payloadHash('execution', { a: 1 })).not.toBe(payloadHash('cancellation', { a: 1 }));
  });

  it('keys pharmacies by FINESS, then AM number', () => {
    expect(pharmacyKey({ finess: '990000011', am: '991234567' })).toBe('finess:990000011');
    expect(pharmacyKey({ am: '991234567' })).toBe('am:991234567');
  });

  it('expires twelve months after creation', () => {
    expect(defaultExpiry('2026-11-20')).toBe('2027-11-20');
    // The one calendar (core/clock/calendar.ts): twelve months from 29 February end on 28 February.
    expect(defaultExpiry('2024-02-29')).toBe('2025-02-28');
  });
});
