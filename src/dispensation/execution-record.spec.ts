import type { PrescriptionView } from '../prescription/prescription.view';
import { lineActs, overrides } from './acts/act-state';
import { applyOverrides } from './reconciliation/reconcile';
import type { DispensationActEntity } from './dispensation-act.entity';
import type { DispensationView, LineView } from './dispensation.view';
import { buildExecutionRecord } from './execution-record';
import { issue } from './issue';

const by = { rpps: '10001234567', role: 'pharmacien' as const };
const at = new Date('2026-11-23T10:00:00Z');
let n = 0;
const act = (type: DispensationActEntity['type'], body: object, lineId: string | null = '1') =>
  ({
    id: `a${++n}`,
    dispensationId: 'd',
    lineId,
    type,
    body,
    by,
    terminalId: 't',
    at,
    cancelledAt: null,
  }) as DispensationActEntity;

describe('acts in force on a line', () => {
  it('keeps interventions, the latest of each other kind, and leaves cancelled acts out', () => {
    const cancelled = {
      ...act('intervention', { problemCode: '1', interventionCode: '2' }),
      cancelledAt: at,
    };
    const acts = [
      cancelled,
      act('intervention', { problemCode: '5', interventionCode: '3' }),
      act('non-delivery', { reason: 'other' }),
      act('non-delivery', { reason: 'out-of-stock' }),
      act('line-flags', { patientRefusedGeneric: true }),
      act('line-flags', { mtePh: true }),
      act('intervention', { problemCode: '9', interventionCode: '1' }, '2'),
    ];
    const state = lineActs(acts, '1');
    expect(state.interventions.map((i) => i.interventionCode)).toEqual(['3']);
    expect(state.nonDelivery).toMatchObject({ reason: 'out-of-stock', by, at: at.toISOString() });
    expect(state.flags).toEqual({ patientRefusedGeneric: true, mtePh: true });
  });

  it('marks only blocking issues of the same code and place as overridden', () => {
    const given = overrides([act('override', { code: 'PACK_EXPIRED', reason: 'vu' }, '1')]);
    const issues = [
      issue('PACK_EXPIRED', { expiry: '2026-01-31' }),
      issue('PARTIAL_DELIVERY', { remainingBoxes: 1 }),
    ];
    expect(applyOverrides(issues, '1', given)[0].overridden).toEqual({
      by: by.rpps,
      reason: 'vu',
      at: at.toISOString(),
    });
    expect(applyOverrides(issues, '1', given)[1].overridden).toBeUndefined();
    expect(applyOverrides(issues, null, given)[0].overridden).toBeUndefined();
  });
});

describe('execution record', () => {
  const line = (l: Partial<LineView>): LineView =>
    ({
      lineId: '1',
      prescribed: { lineId: '1', kind: 'medication', product: {}, posology: { text: '' } },
      packs: [],
      manualDeliveries: [],
      reconciliation: { substitution: false },
      interventions: [],
      ...l,
    }) as LineView;

  it('carries products and their prices, substitution, acts, prescriber, pharmacist, pharmacy, consent and the qualified INS', () => {
    const view = {
      renewalNumber: 1,
      lines: [
        line({
          packs: [
            {
              packId: 'p',
              cip13: '3400934171727',
              label: 'CLAMOXYL',
              quantity: 1,
              lot: 'L',
              unitPriceCents: 412,
              reimbursementRate: 65,
              addedAt: '',
            },
          ],
          reconciliation: { substitution: true } as LineView['reconciliation'],
          patientRefusedGeneric: true,
          interventions: [{ actId: 'a', by, at: '', problemCode: '5', interventionCode: '3' }],
        }),
        line({ lineId: '2', nonDelivery: { actId: 'b', by, at: '', reason: 'out-of-stock' } }),
      ],
    } as unknown as DispensationView;
    const p = {
      consentExecutionView: false,
      prescriber: { rpps: '99900038441', am: '991118019', lastName: 'TRAL' },
      patient: { lastName: 'X', firstName: 'Y', birthDate: '1970-01-01', ins: { matricule: 'm', oid: 'o' } },
    } as PrescriptionView;
    const record = buildExecutionRecord({
      view,
      prescription: p,
      pharmacist: by,
      pharmacy: { finess: '990000011' },
      dispensingDate: '2026-11-23',
    });
    expect(record).toEqual({
      dispensingDate: '2026-11-23',
      renewalNumber: 1,
      pharmacist: by,
      pharmacy: { finess: '990000011' },
      consentExecutionView: false,
      patientIns: { matricule: 'm', oid: 'o' },
      prescriber: { rpps: '99900038441', am: '991118019' },
      lines: [
        {
          lineId: '1',
          products: [
            {
              cip13: '3400934171727',
              label: 'CLAMOXYL',
              quantity: 1,
              lot: 'L',
              unitPriceCents: 412,
              reimbursementRate: 65,
            },
          ],
          substitution: { substituted: true, patientRefusedGeneric: true },
          interventions: [{ problemCode: '5', interventionCode: '3' }],
        },
        { lineId: '2', products: [], nonDelivery: { reason: 'out-of-stock' } },
      ],
    });
  });

  it("sends the INS read at the counter when the teleservice's identity carries none, never over it", () => {
    const view = { renewalNumber: 0, lines: [] } as unknown as DispensationView;
    const base = { consentExecutionView: true, prescriber: { rpps: '99900038441' } };
    const read = { matricule: '166026322000186', oid: '1.2.250.1.213.1.4.8' };
    const record = (patient: object) =>
      buildExecutionRecord({
        view,
        prescription: { ...base, patient } as PrescriptionView,
        pharmacist: by,
        pharmacy: { finess: '990000011', am: '991234567' },
        dispensingDate: '2026-11-23',
        patientIns: read,
      });
    expect(record({ lastName: 'X' }).patientIns).toEqual(read);
    expect(record({ lastName: 'X', ins: { matricule: 'm', oid: 'o' } }).patientIns).toEqual({
      matricule: 'm',
      oid: 'o',
    });
  });
});
