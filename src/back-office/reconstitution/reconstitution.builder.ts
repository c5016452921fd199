import type {
  Prescriber,
  Prescription,
  PrescriptionLine,
  RecordedExecution,
} from '../../prescription/teleservice/teleservice.types';
import { encodePrescriptionQr } from '../../scan/parsers/prescription-qr.parser';
import { executedRows, executionSummary } from './reconstitution.execution-rows';
import { clip, CONDITIONAL_TEST, day, field, instant, LINE_KIND, plural } from './reconstitution.labels';
import type { Block, DocumentModel, ReconstitutionInput, Row, Section } from './reconstitution.model';

export const DOCUMENT_TITLE = "Reconstitution de l'ordonnance numérique";

/** The latest instant the document rests on: its creation date, never the time of the request. */
export function dataInstant(input: ReconstitutionInput): Date {
  const times = [input.retrievedAt.getTime()];
  for (const e of input.executions) {
    times.push(e.createdAt.getTime());
    if (e.acknowledgedAt) times.push(e.acknowledgedAt.getTime());
    if (e.invoice) times.push(e.invoice.recordedAt.getTime());
    if (e.cancellation) times.push(e.cancellation.recordedAt.getTime());
  }
  return new Date(Math.max(...times));
}

function prescriberSection(p: Prescriber): Section {
  const name = [p.lastName?.toUpperCase(), p.firstName].filter(Boolean).join(' ');
  return {
    heading: 'Prescripteur',
    rows: [
      ...field('Nom', name ? `Dr ${name}` : undefined),
      ...field('Spécialité', p.specialty),
      ...field('RPPS', p.rpps),
      ...field('N° AM', p.am),
      ...field('FINESS', p.finess),
      ...field('RPPS remplaçant', p.replacementRpps),
    ],
  };
}

function patientSection(p: Prescription): Section {
  const { patient } = p;
  return {
    heading: 'Patient',
    rows: [
      { label: 'Nom', text: `${patient.lastName.toUpperCase()} ${patient.firstName}`.trim() },
      { label: 'Né(e) le', text: day(patient.birthDate) },
      ...field('INS', patient.ins ? `${patient.ins.matricule} (OID ${patient.ins.oid})` : undefined),
      {
        label: 'Consentement',
        text: p.consentExecutionView
          ? 'le prescripteur peut consulter la délivrance'
          : 'opposition à la consultation de la délivrance par le prescripteur',
      },
    ],
  };
}

function pharmacySection(input: ReconstitutionInput): Section {
  const { pharmacy } = input;
  return {
    heading: 'Pharmacie',
    rows: [
      ...field('Nom', pharmacy.name),
      { label: 'FINESS', text: pharmacy.finess },
      ...field('N° AM', pharmacy.am),
    ],
  };
}

function prescribedProduct(line: PrescriptionLine, names: ReconstitutionInput['names']): string {
  const { product } = line;
  const dc = product.dc
    ? `${[product.dc.substance, product.dc.strength, product.dc.form].filter(Boolean).join(' ')} (en DC)`
    : undefined;
  const named = product.label ?? dc ?? names[product.cip13 ?? ''] ?? names[product.cis ?? ''];
  const codes = [
    product.cip13 && `CIP13 ${product.cip13}`,
    product.cis && `CIS ${product.cis}`,
    product.lpp && `LPP ${product.lpp}`,
    product.code && `code ${product.code}`,
  ].filter(Boolean);
  return [named ?? 'produit non libellé', ...codes].join(' — ');
}

function lineMentions(line: PrescriptionLine): string | undefined {
  const mentions = [
    line.nonSubstitutable && `non substituable (${line.nonSubstitutable})`,
    line.ald && 'ALD (partie haute de l’ordonnance bizone)',
    line.secure && 'ordonnance sécurisée',
    line.exception && 'médicament d’exception',
    line.conditional &&
      `délivrance conditionnelle : ${CONDITIONAL_TEST[line.conditional.test]}` +
        (line.conditional.validityDays ? ` (validité ${line.conditional.validityDays} j)` : ''),
    line.pharmacistRenewalAuthorized && 'renouvellement par le pharmacien correspondant autorisé',
    line.posologyAdjustmentAuthorized && 'adaptation de la posologie autorisée',
  ].filter(Boolean);
  return mentions.length ? mentions.join(' ; ') : undefined;
}

function prescribedRows(line: PrescriptionLine, names: ReconstitutionInput['names']): Row[] {
  const q = line.quantity;
  const quantity = [
    q?.boxes !== undefined && plural(q.boxes, 'boîte'),
    q?.units !== undefined && plural(q.units, 'unité'),
  ].filter(Boolean);
  const renewals =
    line.renewals === undefined
      ? undefined
      : line.renewals > 0
        ? `à renouveler ${plural(line.renewals, 'fois', 'fois')}`
        : 'non renouvelable';
  return [
    { label: 'Prescrit', text: prescribedProduct(line, names), style: 'bold' },
    { label: 'Posologie', text: clip(line.posology.text) },
    ...field('Quantité', quantity.length ? `${quantity.join(' ou ')} par délivrance` : undefined),
    ...field('Durée', line.durationDays !== undefined ? plural(line.durationDays, 'jour') : undefined),
    ...field('Renouvellement', renewals),
    ...field('Mentions', lineMentions(line)),
  ];
}

const isOurs = (r: RecordedExecution, input: ReconstitutionInput) =>
  r.pharmacy.finess === input.pharmacy.finess || (!!r.pharmacy.am && r.pharmacy.am === input.pharmacy.am);

/** Deliveries other pharmacies recorded on this ON, as the teleservice gave them at the last retrieval. */
function elsewhereSection(input: ReconstitutionInput): Section | undefined {
  const others = input.prescription.executions.filter((r) => r.kind === 'execution' && !isOurs(r, input));
  if (!others.length) return undefined;
  return {
    heading: 'Délivrances enregistrées par d’autres pharmacies (téléservice)',
    rows: others.map((r) => {
      const pharmacy = [
        r.pharmacy.name,
        r.pharmacy.finess && `FINESS ${r.pharmacy.finess}`,
        r.pharmacy.am && `AM ${r.pharmacy.am}`,
      ];
      const lines = r.lines.map((l) => `ligne ${l.lineId} : ${plural(l.quantity, 'boîte')}`).join(', ');
      return {
        label: day(r.date),
        text:
          `${pharmacy.filter(Boolean).join(', ')} — exécution n° ${r.sequence} — ${lines || 'aucune ligne'}` +
          (r.cancelled ? ' — annulée' : ''),
      };
    }),
  };
}

/** The document model of a reconstitution: pure, the same input gives the same model. */
export function buildReconstitution(input: ReconstitutionInput): DocumentModel {
  const p = input.prescription;
  const asOf = dataInstant(input);
  const asOfText = `${instant(asOf, input.timeZone)} (${input.timeZone})`;
  const seqs = input.executions.map((e) => e.sequence);
  const scope =
    input.scope === 'one' && seqs.length === 1
      ? `exécution n° ${seqs[0]} de cette pharmacie`
      : seqs.length
        ? `toutes les exécutions de cette pharmacie (n° ${seqs.join(', ')})`
        : 'aucune exécution de cette pharmacie';
  const identity: Section = {
    heading: 'Ordonnance numérique',
    rows: [
      { label: 'N° ON', text: p.prescriptionId, style: 'bold' },
      { label: 'Prescrite le', text: day(p.createdAt) },
      ...field('Valable jusqu’au', day(p.expiresAt)),
      { label: 'Récupérée le', text: instant(input.retrievedAt, input.timeZone) },
      { label: 'Périmètre', text: scope },
      { label: 'Données au', text: asOfText },
    ],
  };
  const blocks: Block[] = [
    { kind: 'columns', columns: [prescriberSection(p.prescriber), patientSection(p)] },
    { kind: 'section', section: pharmacySection(input) },
  ];
  if (input.executions.length) {
    blocks.push({
      kind: 'section',
      section: { heading: 'Exécutions', rows: input.executions.flatMap((e) => executionSummary(e, input)) },
    });
  }
  p.lines.forEach((line, index) => {
    const rows = prescribedRows(line, input.names);
    for (const e of input.executions) {
      rows.push(
        ...executedRows(
          e,
          e.payload.lines.find((l) => l.lineId === line.lineId),
          input,
        ),
      );
    }
    const heading = `Ligne ${index + 1} — ${LINE_KIND[line.kind]} (identifiant ${line.lineId})`;
    blocks.push({ kind: 'section', section: { heading, rows } });
  });
  const elsewhere = elsewhereSection(input);
  if (elsewhere) blocks.push({ kind: 'section', section: elsewhere });
  const pharmacy = [input.pharmacy.name, `FINESS ${input.pharmacy.finess}`].filter(Boolean).join(', ');
  return {
    info: {
      title: `${DOCUMENT_TITLE} ${p.prescriptionId}`,
      subject: `Reconstitution pour SCOR — ${scope}`,
      author: pharmacy,
      creator: input.software,
      creationDate: asOf,
    },
    header: { title: DOCUMENT_TITLE, reference: `N° ${p.prescriptionId}` },
    identity,
    // The paper copy's QR: scanning the reconstitution at a counter retrieves the prescription.
    qr: { payload: encodePrescriptionQr(p), caption: p.prescriptionId },
    blocks,
    footer:
      `Reconstitution de l’ordonnance numérique n° ${p.prescriptionId} — ne vaut pas original. ` +
      `Document établi par la pharmacie ${pharmacy} à partir des données de l’ON et des exécutions ` +
      `enregistrées, données au ${asOfText}.`,
  };
}
