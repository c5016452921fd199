import type {
  DeliveredProduct,
  ExecutionLine,
  Intervention,
} from '../../prescription/teleservice/teleservice.types';
import {
  CHANNEL,
  clip,
  CONDITIONAL_TEST,
  day,
  field,
  instant,
  NON_DELIVERY,
  OUTBOX_STATUS,
  RENEWAL_KIND,
  ROLE,
  sfpc,
} from './reconstitution.labels';
import type { ExecutionFacts, ReconstitutionInput, Row } from './reconstitution.model';

/** The rows of one execution: its summary, and what it did on one prescribed line. */

function productText(p: DeliveredProduct, names: ReconstitutionInput['names']): string {
  const label = p.label || names[p.cip13 ?? ''] || names[p.cis ?? ''] || 'produit non libellé';
  const parts = [
    `${p.quantity} × ${label}`,
    p.cip13 && `CIP13 ${p.cip13}`,
    !p.cip13 && p.code && `code ${p.code}`,
    p.lot && `lot ${p.lot}`,
    p.expiry && `péremption ${day(p.expiry)}`,
    p.serial && `n° de série ${p.serial}`,
  ];
  return parts.filter(Boolean).join(' — ');
}

function interventionText(i: Intervention, timeZone: string): string {
  const parts = [
    `problème ${sfpc('problem', i.problemCode)}`,
    `intervention ${sfpc('intervention', i.interventionCode)}`,
    i.outcome && `devenir ${sfpc('outcome', i.outcome)}`,
    i.prescriberAgreement &&
      (i.prescriberAgreement.obtained
        ? 'accord du prescripteur obtenu'
        : 'accord du prescripteur non obtenu') +
        ` le ${instant(i.prescriberAgreement.at, timeZone)} (${CHANNEL[i.prescriberAgreement.channel]})`,
    i.comment && `« ${clip(i.comment, 300)} »`,
  ];
  return parts.filter(Boolean).join(' ; ');
}

export function executedRows(
  e: ExecutionFacts,
  l: ExecutionLine | undefined,
  input: ReconstitutionInput,
): Row[] {
  const heading: Row = {
    text: `Exécution n° ${e.sequence} — renouvellement n° ${e.payload.renewalNumber} — ${day(e.payload.dispensingDate)}`,
    indent: 1,
    style: 'bold',
  };
  if (!l) return [heading, { text: 'Ligne non traitée par cette exécution.', indent: 2, style: 'muted' }];
  const rows: Row[] = [heading];
  for (const p of l.products) rows.push({ label: 'Délivré', text: productText(p, input.names), indent: 2 });
  if (l.nonDelivery) {
    const comment = l.nonDelivery.comment ? ` — « ${clip(l.nonDelivery.comment, 300)} »` : '';
    rows.push({ label: 'Non délivré', text: `${NON_DELIVERY[l.nonDelivery.reason]}${comment}`, indent: 2 });
  }
  if (!l.products.length && !l.nonDelivery) rows.push({ label: 'Délivré', text: 'rien', indent: 2 });
  if (l.substitution) {
    const s = l.substitution;
    const text = [
      s.substituted ? 'oui — produit délivré différent du produit prescrit' : 'non',
      s.patientRefusedGeneric && 'refus du générique par le patient',
      s.mtePh && 'non substituable MTE-PH (mention du pharmacien)',
      s.reason && clip(s.reason, 300),
    ];
    rows.push({ label: 'Substitution', text: text.filter(Boolean).join(' ; '), indent: 2 });
  }
  if (l.interventions?.length) {
    rows.push({ text: 'Interventions pharmaceutiques (codes SFPC)', indent: 2, style: 'bold' });
    for (const i of l.interventions)
      rows.push({ text: `• ${interventionText(i, input.timeZone)}`, indent: 2 });
  }
  if (l.conditional) {
    const c = l.conditional;
    const result = c.result === 'positive' ? 'positif' : 'négatif';
    rows.push({
      label: 'Test',
      text: `${CONDITIONAL_TEST[c.test]} ${result}, réalisé le ${instant(c.performedAt, input.timeZone)}`,
      indent: 2,
    });
  }
  if (l.renewal) {
    const r = l.renewal;
    const text = [
      RENEWAL_KIND[r.kind],
      r.posology && `posologie : ${clip(r.posology, 300)}`,
      r.comment && clip(r.comment, 300),
    ];
    rows.push({ label: 'Acte', text: text.filter(Boolean).join(' ; '), indent: 2 });
  }
  if (l.comment) rows.push({ label: 'Mention', text: clip(l.comment), indent: 2 });
  return rows;
}

export function executionSummary(e: ExecutionFacts, input: ReconstitutionInput): Row[] {
  const { timeZone } = input;
  const who = e.operator
    ? `${e.operator.lastName.toUpperCase()} ${e.operator.firstName}, ${ROLE[e.operator.role]}, RPPS ${e.operator.rpps}`
    : `${ROLE[e.payload.pharmacist.role]}, RPPS ${e.payload.pharmacist.rpps}`;
  const status =
    e.status === 'acknowledged' && e.acknowledgedAt
      ? `${OUTBOX_STATUS.acknowledged} le ${instant(e.acknowledgedAt, timeZone)}` +
        (e.acknowledgementId ? ` (accusé ${e.acknowledgementId})` : '')
      : OUTBOX_STATUS[e.status];
  const invoice = e.invoice
    ? `FSE n° ${e.invoice.fseNumber}` +
      (e.invoice.billingNumber ? `, n° de facturation ${e.invoice.billingNumber}` : '') +
      `, facturée le ${instant(e.invoice.invoicedAt, timeZone)}`
    : undefined;
  const cancelled = e.cancellation
    ? `annulation n° ${e.cancellation.sequence} (${OUTBOX_STATUS[e.cancellation.status]}) : ${clip(e.cancellation.reason, 300)}`
    : undefined;
  return [
    {
      text:
        `Exécution n° ${e.sequence} — Renouvellement n° ${e.payload.renewalNumber}` +
        (e.payload.renewalNumber === 0 ? ' (première délivrance)' : ''),
      style: 'bold',
    },
    { label: 'Délivrée le', text: day(e.payload.dispensingDate), indent: 1 },
    { label: 'Par', text: who, indent: 1 },
    { label: 'Téléservice', text: status, indent: 1 },
    ...field('Facturation', invoice, 1),
    ...field('Annulation', cancelled, 1),
    { label: 'Identifiant', text: e.executionId, indent: 1, style: 'muted' },
  ];
}
