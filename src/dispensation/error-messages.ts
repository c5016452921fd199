import type { ErrorDetails } from '../core/errors/comptoir.exception';
import { frenchDate as d, msg } from '../core/i18n/messages';
import type { ActType } from './dispensation-act.entity';
import type { DispensationStatus } from './dispensation.entity';
import type { DispensationErrorCode } from './dispensation.exception';

// The dispensation stage's problem details, by code: French (the default) and English, built from their
// parameters. Issue messages (Issue.message) are in issue-messages.ts.

/** A dispensation's status as the counter says it (« la dispensation est validée »). */
export const DISPENSATION_STATUS: Record<DispensationStatus, string> = {
  open: 'en cours',
  validated: 'validée',
  acknowledged: 'acquittée par le téléservice',
  invoiced: 'facturée',
  rejected: 'rejetée',
  cancelled: 'annulée',
  abandoned: 'abandonnée',
  paper: 'passée au papier',
};
const status = (s: string) => DISPENSATION_STATUS[s as DispensationStatus] ?? s;

/** « Aucune intervention », « Aucun renouvellement »: no act of that kind, as the counter says it. */
const ACTS: Record<ActType, string> = {
  intervention: 'Aucune intervention',
  conditional: 'Aucun résultat de test',
  'non-delivery': 'Aucune non-délivrance',
  renewal: 'Aucun renouvellement',
  override: 'Aucun passage outre',
  'line-flags': 'Aucune mention de ligne',
};

/** A prescription line's kind, as the counter says it (« une ligne médicament »). */
const KINDS: Record<string, string> = {
  medication: 'médicament',
  device: 'dispositif',
  magistral: 'magistrale',
};

const TESTS: Record<string, string> = { 'trod-angine': 'TROD angine', 'bu-cystite': 'BU cystite' };

/** The SFPC fields of an intervention, as the counter names them. */
const SFPC_FIELDS: Record<string, string> = {
  problemCode: 'le code du problème',
  interventionCode: "le code de l'intervention",
  outcome: 'le devenir',
};

export const DISPENSATION_DETAILS = {
  DISPENSATION_UNKNOWN: {
    unknown: msg(
      (p: { id: string }) => `Aucune dispensation ${p.id}`,
      (p) => `no dispensation ${p.id}`,
    ),
  },
  DISPENSATION_CLOSED: {
    closed: msg(
      (p: { id: string; status: string }) =>
        `La dispensation ${p.id} est ${status(p.status)} : elle ne change plus. Une erreur se corrige par une annulation puis une nouvelle dispensation`,
      (p) => `dispensation ${p.id} is ${p.status}`,
    ),
  },
  DISPENSATION_HAS_BLOCKING_ISSUES: {
    blocking: msg(
      (p: { count: number }) =>
        p.count === 1
          ? 'Une alerte bloquante reste à résoudre ou à lever'
          : `${p.count} alertes bloquantes restent à résoudre ou à lever`,
      (p) => `${p.count} blocking issue(s) to resolve or override`,
    ),
  },
  LINE_UNKNOWN: {
    notOnPrescription: msg(
      (p: { prescriptionId: string; lineId: string }) =>
        `L'ordonnance ${p.prescriptionId} n'a pas de ligne ${p.lineId}`,
      (p) => `prescription ${p.prescriptionId} has no line ${p.lineId}`,
    ),
    notTranscribed: msg(
      (p: { lineId: string }) => `Aucune ligne transcrite ${p.lineId}`,
      (p) => `no transcribed line ${p.lineId}`,
    ),
    notOnDispensation: msg(
      (p: { id: string; lineId: string }) => `La dispensation ${p.id} n'a pas de ligne ${p.lineId}`,
      (p) => `no line ${p.lineId} on dispensation ${p.id}`,
    ),
  },
  PACK_UNKNOWN: {
    delivery: msg(
      (p: { deliveryId: string; lineId: string }) =>
        `Aucune délivrance ${p.deliveryId} sur la ligne ${p.lineId}`,
      (p) => `no delivery ${p.deliveryId} on line ${p.lineId}`,
    ),
    pack: msg(
      (p: { kind: 'pack' | 'manual'; packId: string; id: string }) =>
        `${p.kind === 'manual' ? 'Aucune délivrance' : 'Aucune boîte'} ${p.packId} sur la dispensation ${p.id}`,
      (p) => `no ${p.kind} ${p.packId} on dispensation ${p.id}`,
    ),
  },
  NOT_A_PACK: {
    kind: msg(
      (p: { kind: string }) => `Ce code n'est pas une boîte (lu comme : ${p.kind})`,
      (p) => `a ${p.kind} is not a pack`,
    ),
  },
  MANUAL_DELIVERY_NOT_ALLOWED: {
    medication: msg(
      (p: { lineId: string }) =>
        `La ligne ${p.lineId} est un médicament : scannez ses boîtes ou saisissez leur CIP13`,
      (p) => `line ${p.lineId} is a medication`,
    ),
  },
  DISPENSATION_CHANGED: {
    changed: msg(
      'La dispensation a changé pendant la validation : validez de nouveau',
      'the dispensation changed: validate again',
    ),
  },
  ACT_UNKNOWN: {
    kind: msg(
      (p: { act: string }) => `Aucun acte de ce nom : ${p.act}`,
      (p) => `no act kind ${p.act}`,
    ),
    act: msg(
      (p: { type: ActType; actId: string; lineId: string }) =>
        `${ACTS[p.type] ?? `Aucun acte ${p.type}`} ${p.actId} sur la ligne ${p.lineId}`,
      (p) => `no ${p.type} ${p.actId} on line ${p.lineId}`,
    ),
  },
  ISSUE_UNKNOWN: {
    notHere: msg(
      (p: { code: string }) => `Aucune alerte ${p.code} ici`,
      (p) => `no ${p.code} issue here`,
    ),
  },
  OVERRIDE_NOT_ALLOWED: {
    pharmacienOnly: msg('Seul un pharmacien peut passer outre une alerte', 'only a pharmacien may override'),
  },
  ISSUE_NOT_OVERRIDABLE: {
    notOverridable: msg(
      (p: { code: string }) => `On ne peut pas passer outre l'alerte ${p.code}`,
      (p) => `${p.code} cannot be overridden`,
    ),
  },
  SFPC_CODE_UNKNOWN: {
    fields: msg(
      (p: { fields: string[] }) =>
        `Code SFPC inconnu pour ${p.fields.map((f) => SFPC_FIELDS[f] ?? f).join(', ')}`,
      (p) => `not an SFPC code: ${p.fields.join(', ')}`,
    ),
  },
  CONDITIONAL_NOT_APPLICABLE: {
    noMention: msg(
      (p: { lineId: string; test: string }) =>
        `La ligne ${p.lineId} ne porte pas de mention ${TESTS[p.test] ?? p.test}`,
      (p) => `line ${p.lineId} has no ${p.test} mention`,
    ),
  },
  CONDITIONAL_FINDINGS_REQUIRED: {
    bu: msg(
      'Un résultat de BU indique ses nitrites et ses leucocytes',
      'a BU result records its nitrites and leucocytes',
    ),
  },
  RENEWAL_NOT_AUTHORIZED: {
    notAuthorised: msg(
      "La ligne n'autorise pas le renouvellement par le pharmacien correspondant",
      'the line does not authorise renewal by the correspondent pharmacist',
    ),
  },
  POSOLOGY_ADJUSTMENT_NOT_AUTHORIZED: {
    notAuthorised: msg(
      "La ligne n'autorise pas l'ajustement de la posologie",
      'the line does not authorise posology adjustment',
    ),
  },
  TREATMENT_CAP_EXCEEDED: {
    beforePrescription: msg(
      "La date du jour précède celle de l'ordonnance",
      'today predates the prescription',
    ),
    ended: msg(
      (p: { lastDay: string }) => `Les 12 mois depuis l'ordonnance ont pris fin le ${d(p.lastDay)}`,
      (p) => `12 months from the prescription ended on ${p.lastDay}`,
    ),
  },
  EXCEPTIONAL_NOT_CHRONIC: {
    tooShort: msg(
      (p: { totalDays: number }) => `L'ordonnance couvre ${p.totalDays} jours, moins de 3 mois`,
      (p) => `the prescription covers ${p.totalDays} days, under 3 months`,
    ),
  },
  EXCEPTIONAL_NOT_ALLOWED: {
    narcotic: msg(
      'Un stupéfiant ou un produit soumis à la réglementation des stupéfiants est exclu',
      'a stupéfiant or a product under narcotic rules is excluded',
    ),
    limitedDuration: msg(
      'Un produit dont la durée de prescription est limitée est exclu',
      'a product whose prescription duration is limited is excluded',
    ),
  },
  EXCEPTIONAL_NOT_EXPIRED: {
    covers: msg(
      (p: { until: string }) => `L'ordonnance couvre le traitement jusqu'au ${d(p.until)}`,
      (p) => `the prescription covers until ${p.until}`,
    ),
  },
  EXCEPTIONAL_TOO_LATE: {
    late: msg(
      (p: { end: string }) => `Plus d'un mois après la fin du traitement, le ${d(p.end)}`,
      (p) => `more than a month after the treatment ended on ${p.end}`,
    ),
  },
  EXCEPTIONAL_DURATION_EXCEEDED: {
    month: msg(
      (p: { maxDays: number }) => `Un mois à la fois (au plus ${p.maxDays} jours)`,
      (p) => `one month at a time (at most ${p.maxDays} days)`,
    ),
    total: msg(
      (p: { used: number }) => `Trois mois au total : ${p.used} jours déjà délivrés`,
      (p) => `3 months in all: ${p.used} days already delivered`,
    ),
  },
  MTE_PH_NOT_ALLOWED: {
    notMte: msg(
      (p: { lineId: string }) => `Le produit de la ligne ${p.lineId} n'est pas sur la liste des MTE`,
      (p) => `line ${p.lineId} is not a product of the MTE list`,
    ),
  },
  OVERRIDE_REASON_REQUIRED: {
    why: msg('Dites pourquoi : un motif ou une intervention', 'say why: a reason or an intervention'),
  },
  PRESCRIBER_AGREEMENT_REQUIRED: {
    agreement: msg(
      (p: { code: string }) =>
        `Passer outre ${p.code} par une intervention modifie la prescription : enregistrez l'accord du prescripteur, ou donnez un motif`,
      (p) =>
        `overriding ${p.code} with an intervention changes the prescription: record the prescriber's agreement`,
    ),
  },
  VALIDATION_FAILED: {
    priceChange: msg(
      'Donnez un lineId, un unitPriceCents ou un reimbursementRate',
      'give a lineId, a unitPriceCents or a reimbursementRate',
    ),
    onePackCode: msg('Donnez un seul de scan, cip13 ou code', 'give exactly one of scan, cip13 or code'),
    cutBoxQuantity: msg(
      "Des unités sont celles d'une seule boîte entamée : la quantité doit valoir 1",
      'units are those of one cut box: quantity must be 1',
    ),
  },
  TRANSCRIPTION_LINE_INVALID: {
    productNamed: msg(
      (p: { kind: string; names: string }) =>
        `Une ligne ${KINDS[p.kind] ?? p.kind} nomme son produit par ${p.names}`,
      (p) => `a ${p.kind} line names its product by ${p.names}`,
    ),
    alreadyTranscribed: msg(
      (p: { lineId: string }) => `La ligne ${p.lineId} est déjà transcrite`,
      (p) => `line ${p.lineId} is already transcribed`,
    ),
  },
  TRANSCRIPTION_NOT_DIFFERENT: {
    nothingToConfirm: msg(
      (p: { id: string }) =>
        `La dispensation ${p.id} n'a pas de transcription différente de l'ordonnance du téléservice à confirmer`,
      (p) => `dispensation ${p.id}: no transcription differing from the teleservice to confirm`,
    ),
  },
  TRANSCRIPTION_NOT_ALLOWED: {
    fromTeleservice: msg(
      (p: { id: string }) =>
        `La dispensation ${p.id} a été ouverte depuis le téléservice : ses lignes sont celles de l'ordonnance`,
      (p) => `dispensation ${p.id} was opened from the teleservice: its lines are the prescription's`,
    ),
  },
  TRANSCRIPTION_EMPTY: {
    noLine: msg(
      (p: { id: string }) => `La dispensation ${p.id} n'a aucune ligne transcrite`,
      (p) => `dispensation ${p.id} has no transcribed line`,
    ),
  },
  NOT_FOUND: {
    favourite: msg(
      (p: { id: string }) => `Aucun favori ${p.id}`,
      (p) => `no favourite ${p.id}`,
    ),
  },
} satisfies ErrorDetails<DispensationErrorCode>;
