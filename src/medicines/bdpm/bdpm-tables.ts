import { parsePackLabel } from '../domain/pack-label';
import { moietyKey } from '../domain/substance-name';
import type { ImportReport } from './bdpm-dataset';
import { LineParser } from './parsers/bdpm-rows';
import { CIS_CIP_FILE, cisCipParser } from './parsers/cis-cip.parser';
import { CIS_FILE, cisParser } from './parsers/cis.parser';
import { COMPO_FILE, compoParser } from './parsers/compo.parser';
import { CPD_FILE, cpdParser } from './parsers/cpd.parser';
import { DISPO_FILE, dispoParser } from './parsers/dispo.parser';
import { GENER_FILE, generParser } from './parsers/gener.parser';
import { HAS_CT_FILE, hasCtParser } from './parsers/has-ct.parser';
import { MITM_FILE, mitmParser } from './parsers/mitm.parser';
import type { ReferentialRows } from './referential-rows';

export type TableKey = keyof ReferentialRows | 'hasLinks';

/** What later files are checked against: the CIS of CIS_bdpm.txt, their forms, the CIP13s. */
export interface TableContext {
  report: ImportReport;
  known: Set<string>;
  forms: Map<string, string>;
  cip13s: Set<string>;
  orphanMembers: number;
}

/** How one BDPM file becomes one table: its parser, whether orphan CIS are rejected, the row mapping. */
export interface TableSpec<R = unknown> {
  key: TableKey;
  file: string;
  parser: () => LineParser<R>;
  /** Rows whose CIS is absent from CIS_bdpm.txt are rejected (orphan codes, README). */
  knownCisOnly: boolean;
  /** The row with column-named properties, as written; may record what later files need in `ctx`. */
  toColumns: (row: R, ctx: TableContext) => object;
}

const nil = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

function spec<R>(s: TableSpec<R>): TableSpec {
  return s as unknown as TableSpec;
}

/** The files in import order: CIS_bdpm.txt first, since the others are checked against it. */
export const TABLE_SPECS: TableSpec[] = [
  spec({
    key: 'specialities',
    file: CIS_FILE,
    parser: cisParser,
    knownCisOnly: false,
    toColumns: (s, ctx) => {
      ctx.known.add(s.cis);
      ctx.forms.set(s.cis, s.form);
      return {
        ...s,
        routes: s.routes.join(';'),
        holders: s.holders.join(';'),
        authorisedOn: nil(s.authorisedOn),
        bdmStatus: nil(s.bdmStatus),
        euNumber: nil(s.euNumber),
      };
    },
  }),
  spec({
    key: 'presentations',
    file: CIS_CIP_FILE,
    parser: cisCipParser,
    knownCisOnly: true,
    toColumns: ({ rates, ...p }, ctx) => {
      ctx.cip13s.add(p.cip13);
      const pack = parsePackLabel(p.label, ctx.forms.get(p.cis));
      return {
        ...p,
        declaredOn: nil(p.declaredOn),
        collectivities: nil(p.collectivities),
        rates: rates.join(';'),
        priceCents: nil(p.priceCents),
        publicPriceCents: nil(p.publicPriceCents),
        feeCents: nil(p.feeCents),
        reimbursementText: nil(p.reimbursementText),
        packUnits: nil(pack.units),
        packUnit: nil(pack.unit),
        packVolume: nil(pack.volume?.amount),
        packVolumeUnit: nil(pack.volume?.unit),
        packConfidence: pack.confidence,
      };
    },
  }),
  spec({
    key: 'compositions',
    file: COMPO_FILE,
    parser: compoParser,
    knownCisOnly: true,
    toColumns: (c) => ({
      ...c,
      moietyKey: moietyKey(c.substanceName),
      dosage: nil(c.dosage),
      reference: nil(c.reference),
    }),
  }),
  spec({
    key: 'genericMembers',
    file: GENER_FILE,
    parser: generParser,
    // README: withdrawn specialities remain in CIS_GENER; kept so that a group still names its princeps.
    knownCisOnly: false,
    toColumns: (g, ctx) => {
      if (!ctx.known.has(g.cis)) ctx.orphanMembers++;
      return g;
    },
  }),
  spec({ key: 'conditions', file: CPD_FILE, parser: cpdParser, knownCisOnly: true, toColumns: (c) => c }),
  spec({
    key: 'mitm',
    file: MITM_FILE,
    parser: mitmParser,
    knownCisOnly: true,
    toColumns: (m) => ({ ...m, link: nil(m.link) }),
  }),
  spec({
    key: 'availability',
    file: DISPO_FILE,
    parser: dispoParser,
    knownCisOnly: true,
    toColumns: (a, ctx) => {
      if (a.cip13 && !ctx.cip13s.has(a.cip13)) {
        ctx.report.warnings.push({
          file: DISPO_FILE,
          line: a.line,
          message: `CIP13 ${a.cip13} is not in ${CIS_CIP_FILE}`,
        });
      }
      return {
        ...a,
        cip13: nil(a.cip13),
        startedOn: nil(a.startedOn),
        updatedOn: nil(a.updatedOn),
        restoredOn: nil(a.restoredOn),
        link: nil(a.link),
      };
    },
  }),
  spec({ key: 'hasLinks', file: HAS_CT_FILE, parser: hasCtParser, knownCisOnly: false, toColumns: (h) => h }),
];
