import type { RecordedExecution } from '../../prescription/teleservice/teleservice.types';
import { executionsElsewhere, prescriptionStatus, type PrescriptionFacts } from './dashboard-status';

const none: PrescriptionFacts = { parked: false, openRejection: false };

describe('prescriptionStatus', () => {
  it.each<[string, PrescriptionFacts, string]>([
    ['no dispensation', none, 'retrieved'],
    ['only a cancelled one (not passed)', { ...none, latestDispensation: undefined }, 'retrieved'],
    ['open', { ...none, latestDispensation: 'open' }, 'in-dispensation'],
    ['validated', { ...none, latestDispensation: 'validated' }, 'validated'],
    ['acknowledged', { ...none, latestDispensation: 'acknowledged' }, 'acknowledged'],
    ['invoiced', { ...none, latestDispensation: 'invoiced' }, 'invoiced'],
    ['rejected, every rejection resolved', { ...none, latestDispensation: 'rejected' }, 'invoiced'],
    ['open rejection', { ...none, openRejection: true, latestDispensation: 'rejected' }, 'rejected'],
    [
      'open rejection, renewal open',
      { ...none, openRejection: true, latestDispensation: 'open' },
      'rejected',
    ],
    ['parked beats all', { parked: true, openRejection: true, latestDispensation: 'invoiced' }, 'parked'],
    ['parked with no dispensation', { ...none, parked: true }, 'parked'],
  ])('%s → %s', (_, facts, want) => expect(prescriptionStatus(facts)).toBe(want));
});

describe('executionsElsewhere', () => {
  const own = { finess: '990000011', am: '991234567', name: '' };
  const exec = (pharmacy: RecordedExecution['pharmacy'], extra: Partial<RecordedExecution> = {}) =>
    ({
      pharmacy,
      sequence: 1,
      kind: 'execution',
      date: '2026-11-20',
      receivedAt: '',
      cancelled: false,
      lines: [],
      ...extra,
    }) as RecordedExecution;

  it('counts deliveries of other pharmacies only, not cancelled, not other kinds', () => {
    expect(
      executionsElsewhere(
        [
          exec({ finess: '990000011' }),
          exec({ am: '991234567' }),
          exec({ finess: '990000029' }),
          exec({ am: '990000037' }),
          exec({ finess: '990000029' }, { cancelled: true }),
          exec({ finess: '990000029' }, { kind: 'post-invoice' }),
          exec({ name: 'unknown' }),
        ],
        own,
      ),
    ).toBe(3);
    expect(executionsElsewhere(undefined, own)).toBe(0);
  });
});
