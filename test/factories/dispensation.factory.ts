import { prescriptionTreatmentEnd } from '../../src/prescription/treatment-end';
import {
  loadFacts,
  needsHistory,
  PackRecord,
  ProjectionContext,
} from '../../src/dispensation/reconciliation/referential-facts';
import { chooseLine, reconcile } from '../../src/dispensation/reconciliation/reconcile';
import type {
  ManualDeliveryFacts,
  ReconciliationInput,
  ReconciliationResult,
} from '../../src/dispensation/reconciliation/reconciliation.types';
import type { MedicinesReferential } from '../../src/medicines/medicines-referential.port';
import type { PrescriptionLineView, PrescriptionView } from '../../src/prescription/prescription.view';
import type { RecordedExecution } from '../../src/prescription/teleservice/teleservice.types';

/** Real presentations of the shipped BDPM subset used by the reconciliation tests. */
export const CIP = {
  /** DOLIPRANE 1000 mg, gélule — 8 gélules; not in the répertoire. */
  dolipraneGelule: '3400941533969',
  /** DAFALGAN 1000 mg, gélule — 8 gélules; not in the répertoire. */
  dafalganGelule: '3400930186947',
  /** DOLIPRANELIQUIZ 1000 mg, 8 sachets — a label whose unit count does not read. */
  dolipraneLiquiz: '3400930229613',
  /** AMOXICILLINE BGR 1 g, comprimé dispersible (generic, group 150, liste I) — 14 and 6. */
  amoxBgr14: '3400930008843',
  amoxBgr6: '3400930008829',
  /** CLAMOXYL 1 g, comprimé dispersible (princeps of group 150) — 14. */
  clamoxyl14: '3400934171727',
  /** AMOXICILLINE VIATRIS 500 mg, gélule (group 148) — 12. */
  amoxViatris500: '3400934913174',
  /** LEVOTHYROX 100 µg (princeps, group 787, liste II, MTE) — 30 and 90. */
  levothyrox30: '3400930065891',
  levothyrox90: '3400930121429',
  /** THYROFIX 100 µg, comprimé (generic of group 787) — 30. */
  thyrofix30: '3400930013847',
  /** ANTARENE 400 mg, comprimé pelliculé (liste II, group 217) — 30. */
  antarene30: '3400935193759',
  /** SKENAN L.P. 10 mg (stupéfiant, 28 days) — 14 gélules. */
  skenan14: '3400933323523',
  /** ACTISKENAN 10 mg, gélule (stupéfiant) — 14. */
  actiskenan14: '3400934990007',
  /** LEELOO 0,1 mg/0,02 mg (contraceptive, ATC G03AA07, liste I) — 1×21 and 3×21. */
  leeloo21: '3400938479263',
  leeloo63: '3400938479324',
  /** RIFADINE 300 mg, gélule (liste I) — 30, under an ANSM supply-tension notice. */
  rifadine30: '3400930915004',
  /** REQUIP 1 mg (liste I, princeps of group 675) and ROPINIROLE EG 1 mg (its generic) — 21 comprimés. */
  requip21: '3400938801835',
  ropiniroleEg21: '3400941772733',
  /** EPITOMAX 15 mg gélule (topiramate, liste I, MTE, NEUROLOGIE/PEDIATRIE/DOULEUR) — 28. */
  epitomax28: '3400934830518',
  /** PREVISCAN 20 mg comprimé quadrisécable (fluindione, liste I) — 30, the only pack. */
  previscan30: '3400933484132',
  /** SKENAN L.P. 30 mg (stupéfiant, « prescription limitée à 4 semaines ») — 14 gélules. */
  skenan30x14: '3400933323691',
  /** SUBUTEX 8 mg (liste I, « délivrance fractionnée de 7 jours », « prescription limitée à 4 semaines ») — 7. */
  subutex8x7: '3400933943998',
  /** STILNOX 10 mg (liste I, 4 semaines, « chevauchement interdit », ordonnance sécurisée) — 7 and 14. */
  stilnox7: '3400933903619',
  stilnox14: '3400934658570',
  /** PANTOPRAZOLE VIATRIS 40 mg, comprimé gastro-résistant — 28 (flacon). */
  pantoprazoleViatris28: '3400930133064',
  /** ANGUSTA 25 microgrammes (misoprostol, « réservé à l'usage HOSPITALIER ») — 8. */
  angusta8: '3400955049531',
  /** FOSFOMYCINE BIOGARAN 3 g, 1 sachet (a BU cystite's treatment). */
  fosfomycine: '3400939423524',
  /** A well-formed CIP13 that no BDPM row has. */
  unknown: '3400930000007',
} as const;

/** An ACL13 parapharmacy code, and the device code of the example seed. */
export const ACL13_PARAPHARMACY = '3401560000009';
export const DEVICE_CODE = '3401500001233';

let nextLine = 1;

/** A prescription line; `lineId` is generated when not given. */
export function line(
  partial: Partial<PrescriptionLineView> & Pick<PrescriptionLineView, 'product'>,
): PrescriptionLineView {
  return {
    lineId: String(nextLine++),
    kind: 'medication',
    posology: { text: 'selon prescription' },
    deliveredHere: 0,
    deliveredHereOn: [],
    deliveredElsewhere: [],
    ...partial,
  };
}

/** A prescription of these lines, dated `createdAt`, with earlier executions when given. */
export function prescription(
  lines: PrescriptionLineView[],
  options: {
    createdAt?: string;
    expiresAt?: string;
    executions?: RecordedExecution[];
    prescriptionId?: string;
    specialty?: string;
    status?: PrescriptionView['status'];
  } = {},
): PrescriptionView {
  const createdAt = options.createdAt ?? '2026-11-20';
  return {
    prescriptionId: options.prescriptionId ?? '202611200930000001',
    createdAt,
    ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
    status: options.status ?? 'open',
    treatmentEnd: prescriptionTreatmentEnd({ createdAt, lines }),
    prescriber: { rpps: '99900038441', ...(options.specialty ? { specialty: options.specialty } : {}) },
    patient: { lastName: 'ESSAI', firstName: 'ALAIN', birthDate: '1966-02-23' },
    consentExecutionView: true,
    lines,
    executions: options.executions ?? [],
    retrievedAt: '2026-11-23T09:00:00.000Z',
  };
}

/** An execution recorded by the teleservice on `date`, delivering `boxes` on each line given. */
export function execution(date: string, lines: Record<string, number>, sequence = 1): RecordedExecution {
  return {
    pharmacy: { finess: '990000011' },
    sequence,
    kind: 'execution',
    date,
    receivedAt: `${date}T10:00:00.000Z`,
    cancelled: false,
    lines: Object.entries(lines).map(([lineId, quantity]) => ({ lineId, quantity })),
  };
}

export type PackSpec = Partial<Omit<PackRecord, 'packId'>>;

/**
 * Adds packs one by one as the service does (an explicit `lineId` wins, else the best fitting line given
 * what is already there), then reconciles.
 */
export async function reconcilePacks(
  referential: MedicinesReferential,
  p: PrescriptionView,
  packs: PackSpec[],
  options: { date?: string; manual?: ManualDeliveryFacts[]; context?: ProjectionContext } = {},
): Promise<ReconciliationResult & { input: ReconciliationInput }> {
  const date = options.date ?? '2026-11-23';
  const manual = options.manual ?? [];
  const context = { timeZone: 'Europe/Paris', ...options.context };
  const records: PackRecord[] = [];
  for (const [i, spec] of packs.entries()) {
    const record: PackRecord = { packId: `pack-${i + 1}`, quantity: 1, ...spec };
    if (record.lineId === undefined) {
      const before = await loadFacts(referential, p, records, manual, date, context);
      const candidate = await loadFacts(referential, p, [record], manual, date, context);
      record.lineId = chooseLine(candidate.packs[0], before);
    }
    records.push(record);
  }
  const input = await loadFacts(referential, p, records, manual, date, context);
  if (needsHistory(input) && !input.otherPrescriptions) input.otherPrescriptions = [];
  return { ...reconcile(input), input };
}
