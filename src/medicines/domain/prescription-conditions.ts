import { fold } from './fold';

/**
 * Conditions of prescription and delivery of a speciality (CIS_CPD_bdpm.txt), normalised from the free
 * text (165 distinct phrasings in May 2026) into flags; `raw` keeps every phrase as written.
 */
export interface PrescriptionConditions {
  /** Liste I or liste II (CSP R.5132-1); undefined when neither is listed. */
  list?: 'I' | 'II';
  /** Stupéfiant (CSP R.5132-27 and following): secure prescription, 28 days at most, split delivery. */
  narcotic: boolean;
  /** Prescription on a secure form (ordonnance sécurisée, arrêté of 31 March 1999). */
  securePrescription: boolean;
  /** Médicament d'exception (CSS R.163-2): no row of the May 2026 CPD file says so, kept for other sources. */
  exception: boolean;
  /** Prescription médicale restreinte (CSP R.5121-77): hospital, initial hospital, specialist, monitoring. */
  restricted: boolean;
  /** Réservé à l'usage hospitalier (CSP R.5121-82): not dispensed by a community pharmacy. */
  hospitalOnly: boolean;
  /** "prescription limitée à 4 semaines / 12 semaines / 7 jours…", in days (the longer of "7 ou 28"). */
  maxPrescriptionDays?: number;
  /** "délivrance fractionnée de 7 jours", in days. */
  splitDeliveryDays?: number;
  /** « chevauchement interdit sauf mention expresse du prescripteur portée sur l'ordonnance » (R.5132-33). */
  overlapForbidden?: true;
  /**
   * « prescription réservée aux spécialistes et services X », « … aux médecins compétents en X »,
   * « renouvellement de la prescription réservé aux spécialistes en X » (CSP R.5121-90): the specialties
   * named, as written; `initial` when only the initial prescription is reserved (« prescription initiale
   * réservée … »), and then `specialties` may be empty (« à certains spécialistes »).
   */
  specialists?: { specialties: string[]; scope: 'prescription' | 'initial' };
  raw: string[];
}

const RESTRICTED =
  /prescription (?:initiale )?hospitaliere|prescription (?:initiale )?(?:\w+ )?reservee (?:a|aux)|surveillance particuliere|prescription restreinte/;

/** The specialty after « spécialistes (et services|en) » or « médecins compétents (en) ». */
const SPECIALIST =
  /^(?:pour [^:]*: )?(prescription initiale|prescription|renouvellement de la prescription)(?: (?:annuelle|semestrielle|trimestrielle))? reservee? (?:aux (?:specialistes(?: et services| en)?|medecins competents(?: en)?) (.+)|a certains specialistes)$/;

function specialistsOf(folded: string, raw: string, out: PrescriptionConditions): void {
  const m = SPECIALIST.exec(folded);
  if (!m) return;
  const scope = m[1] === 'prescription initiale' ? 'initial' : 'prescription';
  // The specialty keeps its written case (the folded text lost it): take it from the raw phrase's tail.
  const named = m[2] ? raw.trim().slice(-m[2].length).trim() : undefined;
  const current = out.specialists;
  if (!current || (current.scope === 'initial' && scope === 'prescription')) {
    out.specialists = { specialties: named ? [named] : [], scope };
  } else if (current.scope === scope && named && !current.specialties.includes(named)) {
    current.specialties.push(named);
  }
}

function days(amount: string, unit: string): number {
  const n = Number(amount);
  return unit.startsWith('semaine') ? n * 7 : unit.startsWith('mois') ? n * 30 : n;
}

/** Normalises the CPD phrases of one speciality. */
export function normaliseConditions(texts: string[]): PrescriptionConditions {
  const out: PrescriptionConditions = {
    narcotic: false,
    securePrescription: false,
    exception: false,
    restricted: false,
    hospitalOnly: false,
    raw: [...texts],
  };
  for (const text of texts) {
    const t = fold(text);
    if (t === 'liste i') out.list = 'I';
    if (t === 'liste ii') out.list ??= 'II';
    if (/\bstupefiants?\b/.test(t)) out.narcotic = true;
    if (/ordonnance securisee/.test(t)) out.securePrescription = true;
    if (/medicament d'exception/.test(t)) out.exception = true;
    if (RESTRICTED.test(t)) out.restricted = true;
    if (/reserve a l'usage hospitalier/.test(t)) out.hospitalOnly = true;
    const limit =
      /prescription limitee a (\d+) (jours?|semaines?|mois)(?: ou (\d+) (jours?|semaines?|mois))?/.exec(t);
    if (limit) {
      const d = Math.max(days(limit[1], limit[2]), limit[3] ? days(limit[3], limit[4]) : 0);
      out.maxPrescriptionDays = Math.min(out.maxPrescriptionDays ?? Infinity, d);
    }
    const split = /delivrance fractionnee de (\d+) (jours?|semaines?)/.exec(t);
    if (split) out.splitDeliveryDays = days(split[1], split[2]);
    if (/chevauchement interdit/.test(t)) out.overlapForbidden = true;
    specialistsOf(t, text, out);
  }
  return out;
}
