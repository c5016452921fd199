import type { ErrorDetails } from '../core/errors/comptoir.exception';
import { msg } from '../core/i18n/messages';
import type { PrescriptionErrorCode } from './prescription.exception';
import type { SignerFailure } from './teleservice/security/signer-error';

// The prescription stage's problem details (the teleservice and its signers), by code: French (the
// default) and English, from their parameters. A refusal by the teleservice keeps the teleservice's own
// words in English, and says in French what its code means; technical causes (a socket error, a PKCS#11
// return value) stay in the English detail and the log.

/** Why the signer could not sign, when it is none of the SIGNER_* codes of its own. */
const SIGNER_WHY: Partial<Record<SignerFailure, string>> = {
  'module-unavailable': 'le module PKCS#11 ne peut pas être chargé',
  'no-pin': "aucun code PIN n'est fourni (variable d'environnement ou fichier secret)",
  'signing-failed': 'la signature a échoué',
};

const refusedBy = (what: string) =>
  msg(
    (_p: { message: string }) => what,
    (p) => p.message,
  );

const cannotSign = (what: string) =>
  msg(
    (_p: { why: string }) => `Impossible de signer l'assertion : ${what}`,
    (p) => `cannot sign the assertion: ${p.why}`,
  );

export const PRESCRIPTION_DETAILS = {
  PRESCRIPTION_UNKNOWN: {
    badId: msg(
      "Un numéro d'ordonnance compte de 1 à 64 lettres et chiffres",
      'a prescription ID is 1 to 64 letters and digits',
    ),
    teleservice: refusedBy('Le téléservice ne connaît aucune ordonnance de ce numéro'),
  },
  PRESCRIPTION_FULLY_EXECUTED: {
    teleservice: refusedBy("Le téléservice indique que l'ordonnance est déjà entièrement délivrée"),
  },
  PRESCRIPTION_EXPIRED: {
    teleservice: refusedBy("Le téléservice indique que l'ordonnance n'est plus valable à cette date"),
  },
  PRESCRIPTION_CANCELLED: {
    teleservice: refusedBy("Le téléservice indique que le prescripteur a annulé l'ordonnance"),
  },
  EXECUTION_INCOMPLETE: {
    teleservice: refusedBy("Le téléservice a refusé l'exécution : un champ obligatoire y manque"),
  },
  SEARCH_CRITERIA_MISSING: {
    patientNamed: msg(
      'Donnez un NIR, un INS, ou un nom avec une date de naissance',
      'give a nir, an ins, or a lastName with a birthDate',
    ),
  },
  QR_DATA_MISMATCH: {
    teleservice: refusedBy(
      "Les données du QR code (patient ou prescripteur) ne correspondent pas à l'ordonnance du téléservice",
    ),
  },
  SEQUENCE_OUT_OF_ORDER: {
    teleservice: msg(
      (p: { message: string; expectedSequence?: number }) =>
        p.expectedSequence === undefined
          ? 'Exécution envoyée hors de son ordre'
          : `Exécution envoyée hors de son ordre : le téléservice attend le numéro ${p.expectedSequence}`,
      (p) => p.message,
    ),
  },
  EXECUTION_CONFLICT: {
    teleservice: refusedBy("Ce numéro d'exécution est déjà enregistré avec un autre contenu"),
  },
  EXECUTION_UNKNOWN: {
    teleservice: refusedBy(
      'Le téléservice ne connaît pas cette exécution (jamais enregistrée par la pharmacie, ou déjà annulée)',
    ),
  },
  NOT_AUTHORISED: {
    teleservice: msg(
      (p: { message: string; reason?: string }) =>
        `Le téléservice refuse l'assertion signée${p.reason ? ` (motif : ${p.reason})` : ''}`,
      (p) => p.message,
    ),
  },
  TELESERVICE_REFUSED: {
    teleservice: msg(
      (p: { message: string; teleserviceCode: string }) =>
        `Le téléservice a refusé la demande (code ${p.teleserviceCode})`,
      (p) => p.message,
    ),
  },
  TELESERVICE_UNAVAILABLE: {
    notConfigured: msg(
      "Aucun téléservice n'est configuré (teleservice.url)",
      'no teleservice configured (teleservice.url)',
    ),
    circuitOpen: msg(
      (p: { seconds: number }) =>
        `Le téléservice a échoué plusieurs fois de suite : Comptoir réessaiera dans ${p.seconds} s`,
      (_p) => 'teleservice circuit open after repeated failures',
    ),
    timeout: msg(
      (_p: { why: string }) => "Le téléservice n'a pas répondu à temps",
      (p) => `teleservice did not answer in time (${p.why})`,
    ),
    unreachable: msg(
      (_p: { why: string }) => 'Le téléservice est injoignable',
      (p) => `teleservice unreachable (${p.why})`,
    ),
    httpStatus: msg(
      (p: { status: number }) => `Le téléservice a répondu HTTP ${p.status}`,
      (p) => `teleservice answered HTTP ${p.status}`,
    ),
    busy: msg(
      (_p: { message: string }) => 'Le téléservice est surchargé : réessayez dans un instant',
      (p) => `teleservice busy: ${p.message}`,
    ),
  },
  TELESERVICE_PROTOCOL_ERROR: {
    unreadableResponse: msg(
      (p: { operation: string; why: string }) => `Réponse illisible du téléservice à ${p.operation}`,
      (p) => `unreadable ${p.operation} response: ${p.why}`,
    ),
    tooLarge: msg(
      (_p: { why: string }) => 'La réponse du téléservice dépasse la taille permise',
      (p) => `teleservice answer too large (${p.why})`,
    ),
    unreadableAnswer: msg(
      (p: { status: string; why: string }) => `Réponse illisible du téléservice (HTTP ${p.status})`,
      (p) => `unreadable answer (HTTP ${p.status}: ${p.why})`,
    ),
  },
  TELESERVICE_REQUEST_INVALID: {
    mapping: msg(
      (p: { path: string; why: string }) =>
        `Le champ ${p.path} ne peut pas s'exprimer dans le contrat du téléservice ; rien n'a été envoyé`,
      (p) => p.why,
    ),
  },
  SIGNER_UNAVAILABLE: {
    notPlugged: msg(
      "Aucun signataire de carte n'est branché (signer: external)",
      'signer "external": no card signer is plugged in',
    ),
    cannotSign: msg(
      (p: { failure?: SignerFailure; why: string; fr?: string }) =>
        `Impossible de signer l'assertion : ${p.fr ?? (p.failure && SIGNER_WHY[p.failure]) ?? "le signataire n'a pas signé à temps"}`,
      (p) => `cannot sign the assertion: ${p.why}`,
    ),
  },
  SIGNER_TOKEN_ABSENT: {
    cannotSign: cannotSign("la carte ou le jeton de signature n'est pas présent : remettez la carte"),
  },
  SIGNER_PIN_INCORRECT: {
    cannotSign: cannotSign(
      "la carte a refusé le code PIN ; il ne sera plus présenté tant qu'il n'aura pas changé",
    ),
  },
  SIGNER_PIN_LOCKED: {
    cannotSign: cannotSign('le code PIN de la carte est bloqué : son administrateur doit le débloquer'),
  },
  SIGNER_KEY_NOT_FOUND: {
    cannotSign: cannotSign('aucune clé ni certificat de ce libellé sur le jeton'),
  },
} satisfies ErrorDetails<PrescriptionErrorCode>;
