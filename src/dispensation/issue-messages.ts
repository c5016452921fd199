import { enCount, frCount, frenchDate as d, frenchNumber as n, Message } from '../core/i18n/messages';

// Every issue code with its message in French (the default, API.md § Conventions) and English, built from
// the issue's `details` only, so that the HTTP edge can rebuild it in the client's language.

type P<T extends object> = Message<T>;

const where = (w: string | undefined, fr: boolean) =>
  fr
    ? w === 'elsewhere'
      ? 'sur une autre dispensation'
      : 'dans cette dispensation'
    : w === 'elsewhere'
      ? 'on another dispensation'
      : 'in this dispensation';

const CONDITION_REASONS: Record<string, [string, string]> = {
  'no-result': [
    'aucun résultat de test enregistré pour cette dispensation conditionnelle',
    'no test result recorded for this conditional dispensation',
  ],
  'negative-result': [
    'le test est négatif : la ligne ne peut être délivrée',
    'the test is negative: the line cannot be delivered',
  ],
  'test-out-of-window': [
    'le test a été fait hors du délai de la mention du prescripteur',
    "the test was done outside the prescriber's window",
  ],
  'prescription-lapsed': [
    "le délai de la mention du prescripteur est dépassé aujourd'hui",
    "the prescriber's window has lapsed today",
  ],
  'test-before-prescription': [
    "le test précède la date de l'ordonnance",
    'the test predates the prescription',
  ],
  'molecule-not-allowed': [
    "la molécule délivrée n'est pas autorisée pour cette mention conditionnelle",
    'the delivered molecule is not allowed for this conditional mention',
  ],
};

const CAP_CAUSES: Record<string, [string, string]> = {
  narcotic: ['stupéfiant', 'narcotic'],
  fraction: ['délivrance fractionnée', 'split delivery'],
  month: ['un mois par délivrance', 'one month per delivery'],
  weeks: ['4 semaines par délivrance', '4 weeks per delivery'],
  quarter: ['3 mois de grands conditionnements', '3 months of quarter packs'],
  contraceptive: ['12 semaines de contraceptif', '12 weeks of contraceptive'],
  late: ["jours restants d'un stupéfiant présenté tard", 'days left of a narcotic presented late'],
};

/**
 * What was delivered, where and when (API.md: a prescription that is not open says so at the scan): each
 * entry of a lifecycle issue's `deliveries` is `date|boxes|pharmacy`, `pharmacy` being `here` for this one.
 */
const delivered = (list: string[] | undefined, fr: boolean): string => {
  if (!list?.length) return '';
  const parts = list.map((entry) => {
    const [date, boxes, ...rest] = entry.split('|');
    const pharmacy = rest.join('|');
    const count = Number(boxes);
    if (fr) {
      const where = pharmacy === 'here' ? 'dans cette pharmacie' : `à ${pharmacy}`;
      return `${frCount(count, 'boîte')} le ${d(date)} ${where}`;
    }
    const where = pharmacy === 'here' ? 'in this pharmacy' : `at ${pharmacy}`;
    return `${enCount(count, 'box', 'boxes')} on ${date} ${where}`;
  });
  return fr ? ` ; délivré : ${parts.join(', ')}` : `; delivered: ${parts.join(', ')}`;
};

export const ISSUE_MESSAGES = {
  NS_SUBSTITUTION_FORBIDDEN: {
    fr: (p) => `${p.product} remplace le produit prescrit sur une ligne « non substituable (${p.mention}) »`,
    en: (p) =>
      `${p.product} replaces the prescribed product on a line marked « non substituable (${p.mention}) »`,
  } as P<{ product: string; mention: string }>,
  NOT_SAME_GENERIC_GROUP: {
    fr: (p) => `${p.product} n'est pas dans le groupe générique du produit prescrit`,
    en: (p) => `${p.product} is not in the generic group of the prescribed product`,
  } as P<{ product: string }>,
  PRODUCT_MISMATCH: {
    fr: (p) =>
      p.onNoLine
        ? `${p.product} ne correspond à aucune ligne de l'ordonnance`
        : `${p.product} n'est pas le produit prescrit sur cette ligne`,
    en: (p) =>
      p.onNoLine
        ? `${p.product} matches no line of the prescription`
        : `${p.product} is not the product prescribed on this line`,
  } as P<{ product: string; onNoLine?: boolean }>,
  QUANTITY_EXCEEDS_PRESCRIPTION: {
    fr: (p) => `Plus que prescrit pour cette délivrance (${frCount(p.expectedBoxes, 'boîte')} due(s))`,
    en: (p) => `More than prescribed for this delivery (${enCount(p.expectedBoxes, 'box', 'boxes')} due)`,
  } as P<{ expectedBoxes: number; dispensedBoxes: number }>,
  PACK_EXPIRED: {
    fr: (p) => `Boîte périmée depuis le ${d(p.expiry)}`,
    en: (p) => `This pack expired on ${p.expiry}`,
  } as P<{ expiry: string }>,
  SERIAL_ALREADY_SCANNED: {
    fr: (p) => `Le numéro de série ${p.serial} de ce produit a déjà été scanné ${where(p.where, true)}`,
    en: (p) => `Serial ${p.serial} of this product was already scanned ${where(p.where, false)}`,
  } as P<{ serial: string; where: 'here' | 'elsewhere' }>,
  PRESCRIPTION_EXPIRED: {
    fr: (p) =>
      p.source === 'teleservice'
        ? `L'ordonnance est périmée pour le téléservice (fin du traitement le ${d(p.treatmentEnd ?? p.lastDay)})${delivered(p.deliveries, true)}`
        : p.rule === 'R.5132-22'
          ? `Première délivrance d'un médicament des listes I/II après le ${d(p.lastDay)} (${p.rule})`
          : `L'ordonnance pouvait être délivrée jusqu'au ${d(p.lastDay)} (${p.rule})`,
    en: (p) =>
      p.source === 'teleservice'
        ? `The teleservice says the prescription has expired (treatment ended on ${p.treatmentEnd ?? p.lastDay})${delivered(p.deliveries, false)}`
        : p.rule === 'R.5132-22'
          ? `First delivery of a liste I/II product after ${p.lastDay} (${p.rule})`
          : `The prescription could be delivered until ${p.lastDay} (${p.rule})`,
  } as P<{
    lastDay: string;
    rule: string;
    source?: 'teleservice';
    treatmentEnd?: string;
    deliveries?: string[];
  }>,
  PRESCRIPTION_FULLY_EXECUTED: {
    fr: (p) => `L'ordonnance a déjà été entièrement délivrée${delivered(p.deliveries, true)}`,
    en: (p) => `The prescription has already been delivered in full${delivered(p.deliveries, false)}`,
  } as P<{ source?: 'teleservice'; deliveries?: string[] }>,
  PRESCRIPTION_CANCELLED: {
    fr: (p) => `L'ordonnance a été annulée par son prescripteur${delivered(p.deliveries, true)}`,
    en: (p) => `The prescription was cancelled by its prescriber${delivered(p.deliveries, false)}`,
  } as P<{ source?: 'teleservice'; deliveries?: string[] }>,
  RENEWAL_TOO_EARLY: {
    fr: (p) =>
      `Les délivrances précédentes couvrent le traitement jusqu'au ${d(p.earliest)} : ${p.fraction ? 'fraction suivante' : 'renouvellement'} à partir de cette date (${p.rule})`,
    en: (p) =>
      `The previous deliveries last until ${p.earliest}: the next ${p.fraction ? 'fraction' : 'renewal'} from that day (${p.rule})`,
  } as P<{ earliest: string; rule: string; fraction?: boolean }>,
  RENEWAL_NOT_ALLOWED: {
    fr: (p) =>
      `Un stupéfiant n'est pas renouvelable : ${p.product} a déjà été délivré sur cette ordonnance (${p.rule})`,
    en: (p) =>
      `A narcotic is not renewable: ${p.product} was already delivered on this prescription (${p.rule})`,
  } as P<{ product: string; rule: string }>,
  CONDITION_NOT_MET: {
    fr: (p) => `Condition non remplie : ${CONDITION_REASONS[p.reason]?.[0] ?? p.reason}`,
    en: (p) => `Condition not met: ${CONDITION_REASONS[p.reason]?.[1] ?? p.reason}`,
  } as P<{ reason: string }>,
  DELIVERY_CAP_EXCEEDED: {
    fr: (p) =>
      `Cette délivrance couvre ${n(p.coveredDays)} jours, au-delà de la limite de ${p.capDays} jours (${CAP_CAUSES[p.cause]?.[0] ?? p.cause}, ${p.rule})`,
    en: (p) =>
      `This delivery covers ${p.coveredDays} days, over the ${p.capDays}-day limit (${CAP_CAUSES[p.cause]?.[1] ?? p.cause}, ${p.rule})`,
  } as P<{ coveredDays: number; capDays: number; rule: string; cause: string }>,
  PRESCRIPTION_LIMIT_EXCEEDED: {
    fr: (p) =>
      `« Prescription limitée à ${p.limitDays} jours » : avec les délivrances précédentes (${n(p.priorDays)} jours), celle-ci dépasse la durée permise, renouvellements compris (${p.rule})`,
    en: (p) =>
      `« Prescription limitée à ${p.limitDays} jours »: with the previous deliveries (${p.priorDays} days), this one goes beyond the duration allowed, renewals included (${p.rule})`,
  } as P<{ limitDays: number; priorDays: number; rule: string }>,
  OVERLAP_FORBIDDEN: {
    fr: (p) =>
      `« Chevauchement interdit » : l'ordonnance ${p.otherPrescriptionId} du même prescripteur pour ${p.substance} couvre le traitement jusqu'au ${d(p.coveredUntil)} (${p.rule})`,
    en: (p) =>
      `« Chevauchement interdit »: prescription ${p.otherPrescriptionId} by the same prescriber for ${p.substance} covers the treatment until ${p.coveredUntil} (${p.rule})`,
  } as P<{ otherPrescriptionId: string; substance: string; coveredUntil: string; rule: string }>,
  OVERLAP_UNKNOWN: {
    fr: () =>
      "« Chevauchement interdit » : Comptoir ne connaît aucune autre ordonnance de ce patient ; vérifiez l'historique (dossier pharmaceutique)",
    en: () =>
      '« Chevauchement interdit »: Comptoir knows no other prescription of this patient; check the history (dossier pharmaceutique)',
  } as P<object>,
  HOSPITAL_ONLY: {
    fr: (p) =>
      `${p.product} est réservé à l'usage hospitalier : il ne se délivre pas en officine (${p.rule})`,
    en: (p) =>
      `${p.product} is reserved for hospital use: a community pharmacy does not dispense it (${p.rule})`,
  } as P<{ product: string; rule: string }>,
  SPECIALIST_PRESCRIPTION_REQUIRED: {
    fr: (p) =>
      `${p.product} : ${p.scope === 'initial' ? 'prescription initiale réservée' : 'prescription réservée'} ${p.specialties.length ? `aux spécialistes en ${p.specialties.join(', ')}` : 'à certains spécialistes'} ; spécialité du prescripteur : ${p.prescriberSpecialty ?? 'inconnue'}`,
    en: (p) =>
      `${p.product}: ${p.scope === 'initial' ? 'the initial prescription is' : 'prescription'} reserved to ${p.specialties.length ? `specialists in ${p.specialties.join(', ')}` : 'some specialists'}; prescriber's specialty: ${p.prescriberSpecialty ?? 'unknown'}`,
  } as P<{ product: string; specialties: string[]; scope: string; prescriberSpecialty?: string }>,
  PATIENT_MISMATCH: {
    fr: (p) =>
      p.source === 'ins'
        ? `Le DataMatrix INS diffère du patient de l'ordonnance sur : ${(p.fields ?? []).join(', ')}`
        : "Personne sur la carte du lecteur n'est le patient de l'ordonnance",
    en: (p) =>
      p.source === 'ins'
        ? `The INS DataMatrix differs from the prescription's patient on: ${(p.fields ?? []).join(', ')}`
        : "Nobody on the card in the reader is the prescription's patient",
  } as P<{ source: 'card' | 'ins'; fields?: string[] }>,
  QR_DATA_MISMATCH: {
    fr: (p) => `Le QR code diffère de l'ordonnance sur : ${p.fields.join(', ')}`,
    en: (p) => `The QR code differs from the prescription on: ${p.fields.join(', ')}`,
  } as P<{ fields: string[] }>,
  LINE_NOT_ADDRESSED: {
    fr: () => 'Délivrer, enregistrer une non-délivrance, ou une intervention qui explique pourquoi',
    en: () => 'Deliver, record a non-delivery, or an intervention explaining why not',
  } as P<{ lineId: string }>,
  SECURE_PRESCRIPTION_REQUIRED: {
    fr: (p) =>
      `${p.product} exige une ordonnance sécurisée : confirmez que le papier transcrit en est une, avec son motif`,
    en: (p) =>
      `${p.product} needs a secure prescription: confirm that the transcribed paper is one, with its reason`,
  } as P<{ product: string }>,
  TRANSCRIPTION_DIFFERS: {
    fr: (p) =>
      `La transcription diffère de l'ordonnance du téléservice (${p.differences.join(' ; ')}) : confirmez-la`,
    en: (p) =>
      `The transcription differs from the teleservice's prescription (${p.differences.join('; ')}): confirm it`,
  } as P<{ differences: string[] }>,
  PRICE_UNKNOWN: {
    fr: (p) =>
      `Prix ou taux de remboursement inconnu pour ${p.product} : le logiciel de la pharmacie doit les donner (l'exécution les transmet)`,
    en: (p) =>
      `Price or reimbursement rate unknown for ${p.product}: the pharmacy software must give them (the execution carries them)`,
  } as P<{ product: string }>,
  PRODUCT_NOT_IN_REFERENTIAL: {
    fr: (p) =>
      `Le CIP13 ${p.cip13} n'est pas dans le référentiel des médicaments : ${p.assigned ? 'il a été pris pour cette ligne' : 'affectez-le à une ligne'}`,
    en: (p) =>
      `CIP13 ${p.cip13} is not in the medicines referential: ${p.assigned ? 'it was taken for this line' : 'assign it to a line'}`,
  } as P<{ cip13: string; assigned?: boolean }>,
  PACK_UNITS_UNKNOWN: {
    fr: (p) => `Le contenu de ${p.product} ne se lit pas en unités`,
    en: (p) => `The content of ${p.product} cannot be read in units`,
  } as P<{ product: string }>,
  PRODUCT_UNAVAILABLE_NOTICE: {
    fr: (p) => `Information ANSM : ${p.label}`,
    en: (p) => `ANSM notice: ${p.label}`,
  } as P<{ label: string; status: string }>,
  NARCOTIC_PRESENTATION_LATE: {
    fr: (p) =>
      `Stupéfiant présenté après le ${d(p.deadline)} : seuls les ${p.deliverableDays} jours restants peuvent être délivrés${p.deliverableUnits !== undefined ? ` (${n(p.deliverableUnits)} unités, une boîte peut être déconditionnée)` : ''} (${p.rule})`,
    en: (p) =>
      `Narcotic presented after ${p.deadline}: only the remaining ${p.deliverableDays} day(s) may be delivered${p.deliverableUnits !== undefined ? ` (${p.deliverableUnits} units; a box may be cut)` : ''} (${p.rule})`,
  } as P<{ deadline: string; deliverableDays: number; deliverableUnits?: number; rule: string }>,
  SMALLER_PACK_DUE: {
    fr: (p) => `Une boîte plus petite tient dans la limite : ${p.label} (CIP13 ${p.cip13})`,
    en: (p) => `A smaller pack fits within the limit: ${p.label} (CIP13 ${p.cip13})`,
  } as P<{ cip13: string; label: string }>,
  OUT_OF_ON_SCOPE: {
    fr: (p) => `Le code ${p.code ?? '?'} ne figure sur aucune ligne : vendu hors ordonnance`,
    en: (p) => `Code ${p.code ?? '?'} is on no line: sold outside the prescription`,
  } as P<{ code?: string }>,
  PARTIAL_DELIVERY: {
    fr: (p) => `${frCount(p.remainingBoxes, 'boîte')} reste(nt) à délivrer plus tard`,
    en: (p) => `${enCount(p.remainingBoxes, 'box', 'boxes')} remain to deliver later`,
  } as P<{ remainingBoxes: number }>,
  DELIVERY_ROUNDED_UP: {
    fr: (p) =>
      `Le plus petit conditionnement couvre ${n(p.coveredDays)} jours, plus que la limite de ${p.capDays} jours : une boîte est délivrable`,
    en: (p) =>
      `The smallest pack covers ${p.coveredDays} days, more than the ${p.capDays}-day limit: one box may be delivered`,
  } as P<{ coveredDays: number; capDays: number }>,
  FORM_IMPLIED: {
    fr: (p) =>
      `${p.product} répond à la forme « ${p.form} » : toutes les présentations commercialisées de cette substance à ce dosage sont sous cette forme (tolérance de Comptoir)`,
    en: (p) =>
      `${p.product} answers the form « ${p.form} »: every marketed presentation of this substance and strength has its form (Comptoir's tolerance)`,
  } as P<{ product: string; form: string }>,
  LARGE_PACK_DUE: {
    fr: (p) => `Un traitement de ${p.treatmentDays} jours appelle le grand conditionnement : ${p.label}`,
    en: (p) => `A ${p.treatmentDays}-day treatment takes the large pack: ${p.label}`,
  } as P<{ cip13: string; label: string; treatmentDays: number }>,
};

export type IssueCode = keyof typeof ISSUE_MESSAGES;
/** The details an issue of that code carries (its message is built from them). */
export type IssueDetails<C extends IssueCode> =
  (typeof ISSUE_MESSAGES)[C] extends Message<infer T> ? T : never;
