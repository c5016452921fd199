import { normaliseConditions } from '../domain/prescription-conditions';
import { compositionStrengths } from '../domain/strength';
import {
  AvailabilityNotice,
  GENERIC_TYPES,
  GenericGroup,
  Presentation,
  Speciality,
  Substance,
} from '../medicines.types';
import type { CisRows, RowReader } from './referential-rows';

/** A component as a DC can name it: the FT and the SA of one link are both candidates. */
export interface DcCandidate {
  moiety: string;
  strengths: Substance['strengths'];
}

/** One CIS, built once: its speciality, its presentations, and its components for DC matching. */
interface Bundle {
  speciality: Speciality;
  presentations: Map<string, Presentation>;
  dc: DcCandidate[][];
}

type CompositionRow = CisRows['compositions'][number];

const AVAILABILITY: AvailabilityNotice['status'][] = ['shortage', 'tension', 'discontinued', 'restored'];
const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Composition rows grouped by element and link number (CIS_COMPO column 8). */
function links(rows: CompositionRow[]): CompositionRow[][] {
  const map = new Map<string, CompositionRow[]>();
  for (const r of rows) {
    const key = `${r.element}\u0000${r.link}`;
    map.set(key, [...(map.get(key) ?? []), r]);
  }
  return [...map.values()];
}

function substance(rows: CompositionRow[]): Substance {
  // The FT, when the link has one, is the one that counts (ANSM format document, CIS_COMPO column 7).
  const ft = rows.find((r) => r.nature === 'FT');
  const sa = rows.find((r) => r.nature === 'SA');
  const main = ft ?? sa ?? rows[0];
  return {
    code: main.substanceCode,
    name: main.substanceName,
    dosage: opt(main.dosage),
    reference: opt(main.reference),
    strengths: compositionStrengths(opt(main.dosage), opt(main.reference)),
    nature: ft ? 'FT' : 'SA',
    ...(ft && sa ? { salt: { code: sa.substanceCode, name: sa.substanceName, dosage: opt(sa.dosage) } } : {}),
    element: main.element,
    link: main.link,
  };
}

function notice(a: CisRows['availability'][number]): AvailabilityNotice {
  return {
    status: AVAILABILITY[a.statusCode - 1],
    statusCode: a.statusCode as AvailabilityNotice['statusCode'],
    label: a.statusLabel,
    ...(a.cip13 ? { cip13: a.cip13 } : {}),
    startedOn: opt(a.startedOn),
    updatedOn: opt(a.updatedOn),
    restoredOn: opt(a.restoredOn),
    link: opt(a.link),
  };
}

function presentation(r: CisRows['presentations'][number], notices: AvailabilityNotice[]): Presentation {
  return {
    cip13: r.cip13,
    cip7: r.cip7,
    gtin: `0${r.cip13}`,
    cis: r.cis,
    label: r.label,
    status: r.status,
    marketed: r.marketingState === 'Déclaration de commercialisation',
    marketingState: r.marketingState,
    declaredOn: opt(r.declaredOn),
    collectivities: r.collectivities === null ? undefined : Boolean(r.collectivities),
    reimbursementRates: r.rates ? r.rates.split(';').map(Number) : [],
    priceCents: opt(r.priceCents),
    publicPriceCents: opt(r.publicPriceCents),
    dispensingFeeCents: opt(r.feeCents),
    reimbursementConditions: opt(r.reimbursementText),
    pack: {
      ...(r.packUnits !== null ? { units: r.packUnits } : {}),
      ...(r.packUnit !== null ? { unit: r.packUnit } : {}),
      ...(r.packVolume !== null
        ? { volume: { amount: r.packVolume, unit: r.packVolumeUnit as 'ml' | 'g' } }
        : {}),
      confidence: r.packConfidence as Presentation['pack']['confidence'],
    },
    availability: notices.filter((n) => !n.cip13 || n.cip13 === r.cip13),
  };
}

function bundle(rows: CisRows): Bundle {
  const s = rows.speciality;
  const notices = rows.availability.map(notice);
  const compositionLinks = links(rows.compositions);
  const speciality: Speciality = {
    cis: s.cis,
    name: s.name,
    form: s.form,
    routes: s.routes ? s.routes.split(';') : [],
    authorisationStatus: s.authorisationStatus,
    procedure: s.procedure,
    marketed: s.marketingState === 'Commercialisée',
    marketingState: s.marketingState,
    authorisedOn: opt(s.authorisedOn),
    bdmStatus: opt(s.bdmStatus),
    holders: s.holders ? s.holders.split(';') : [],
    enhancedMonitoring: Boolean(s.enhancedMonitoring),
    substances: compositionLinks.map(substance),
    genericGroups: rows.memberships.map((m) => {
      const typeCode = m.type as 0 | 1 | 2 | 4;
      return {
        groupId: m.groupId,
        label: m.label,
        type: GENERIC_TYPES[typeCode],
        typeCode,
        sortOrder: m.sortOrder,
      };
    }),
    conditions: normaliseConditions(rows.conditions),
    ...(rows.atc ? { mitm: { atc: rows.atc } } : {}),
    availability: notices.filter((n) => !n.cip13),
  };
  return deepFreeze({
    speciality,
    presentations: new Map(rows.presentations.map((p) => [p.cip13, presentation(p, notices)])),
    dc: compositionLinks.map((link) =>
      link.map((r) => ({
        moiety: r.moietyKey,
        strengths: compositionStrengths(opt(r.dosage), opt(r.reference)),
      })),
    ),
  });
}

/**
 * One referential version as look-up results: each CIS is read from its RowReader on first use, built
 * once, frozen and kept, so a warm look-up is two map reads. Concurrent first look-ups share one read.
 */
export class ReferentialCache {
  private readonly bundles = new Map<string, Promise<Bundle | undefined>>();
  private readonly groups = new Map<number, Promise<GenericGroup | undefined>>();
  private readonly moieties = new Map<string, Promise<string[]>>();

  constructor(readonly reader: RowReader) {}

  private bundle(cis: string): Promise<Bundle | undefined> {
    let b = this.bundles.get(cis);
    if (!b) {
      b = this.reader.cisRows(cis).then((rows) => rows && bundle(rows));
      b.catch(() => this.bundles.delete(cis));
      this.bundles.set(cis, b);
    }
    return b;
  }

  cip13OfCip7(cip7: string): string | undefined {
    return this.reader.cip13OfCip7(cip7);
  }

  async presentation(cip13: string): Promise<Presentation | undefined> {
    const cis = this.reader.cisOfCip13(cip13);
    return cis === undefined ? undefined : (await this.bundle(cis))?.presentations.get(cip13);
  }

  async speciality(cis: string): Promise<Speciality | undefined> {
    return (await this.bundle(cis))?.speciality;
  }

  async presentations(cis: string): Promise<Presentation[]> {
    return [...((await this.bundle(cis))?.presentations.values() ?? [])];
  }

  async groupIdsOf(cis: string): Promise<number[]> {
    return ((await this.bundle(cis))?.speciality.genericGroups ?? []).map((g) => g.groupId);
  }

  /** Every (moiety, strengths) a DC may name in this CIS, per link: the FT and the SA both count. */
  async dcCandidates(cis: string): Promise<DcCandidate[][]> {
    return (await this.bundle(cis))?.dc ?? [];
  }

  cisWithMoiety(moiety: string): Promise<string[]> {
    let list = this.moieties.get(moiety);
    if (!list) {
      list = this.reader.cisWithMoiety(moiety);
      list.catch(() => this.moieties.delete(moiety));
      this.moieties.set(moiety, list);
    }
    return list;
  }

  group(id: number): Promise<GenericGroup | undefined> {
    let g = this.groups.get(id);
    if (!g) {
      g = this.reader.groupRows(id).then((rows) => {
        if (rows.length === 0) return undefined;
        const members = [...rows]
          .sort((a, b) => a.sortOrder - b.sortOrder || a.cis.localeCompare(b.cis))
          .map((r) => {
            const typeCode = r.type as 0 | 1 | 2 | 4;
            return {
              cis: r.cis,
              type: GENERIC_TYPES[typeCode],
              typeCode,
              sortOrder: r.sortOrder,
              ...(r.name ? { name: r.name } : {}),
            };
          });
        return deepFreeze({ id, label: rows[0].label, members });
      });
      g.catch(() => this.groups.delete(id));
      this.groups.set(id, g);
    }
    return g;
  }
}
