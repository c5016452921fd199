import { msg, Text } from '../i18n/messages';
import type { ErrorDetails } from './comptoir.exception';
import type { CoreErrorCode } from './core.exception';

// Core's problem details (the HTTP edge, authentication, idempotency, devices, staff, audit), by code:
// French (the default) and English, built from their parameters. A stage's own wording of a core code
// (a VALIDATION_FAILED of its own rules) lives in that stage's catalogue.

/** What the ownership guard names in a 404: a resource of another pharmacy reads as none at all. */
const OWNED: Record<string, [string, string]> = {
  dispensation: ['Aucune dispensation', 'no dispensation'],
  execution: ['Aucune exécution', 'no execution'],
  terminal: ['Aucun poste', 'no terminal'],
  device: ['Aucun périphérique', 'no device'],
};

export const CORE_DETAILS = {
  VALIDATION_FAILED: {
    /** class-validator's findings, one per field and rule (core/http/validation-text.ts). */
    fields: msg(
      (p: { problems: Text[] }) => p.problems.map((t) => t.fr).join(' ; '),
      (p) => p.problems.map((t) => t.en).join('; '),
    ),
    lgoTerminalRequired: msg(
      'Avec un jeton lgo, terminalId est obligatoire',
      'terminalId is required with an lgo token',
    ),
    rpps: msg('Un RPPS compte 11 chiffres', 'rpps must be 11 digits'),
    idempotencyKeyLength: msg(
      (p: { max: number }) => `L'en-tête Idempotency-Key compte de 1 à ${p.max} caractères`,
      (p) => `Idempotency-Key must be 1 to ${p.max} characters`,
    ),
    requestAborted: msg(
      'La requête a été interrompue avant la fin de son corps',
      'request aborted before its body was read',
    ),
    bodySizeMismatch: msg(
      "La taille du corps ne correspond pas à l'en-tête Content-Length",
      'request size did not match content length',
    ),
    /** Any other framework refusal: its own English words, the title's in French. */
    framework: msg(
      (_p: { message: string }) => 'La requête est invalide',
      (p) => p.message,
    ),
  },
  MALFORMED_JSON: {
    notJson: msg("Le corps de la requête n'est pas du JSON valide", 'request body is not valid JSON'),
    tooDeep: msg(
      (p: { max: number }) => `Le corps de la requête imbrique plus de ${p.max} niveaux`,
      (p) => `request body nests deeper than ${p.max} levels`,
    ),
  },
  UNAUTHORIZED: {
    missing: msg(
      'Il faut un en-tête « Authorization: Bearer <jeton> » valide ou un cookie de session',
      'a valid Authorization: Bearer <token> or session cookie is required',
    ),
    unknownToken: msg('Jeton inconnu', 'unknown token'),
    framework: msg(
      (_p: { message: string }) => 'Authentification requise',
      (p) => p.message,
    ),
  },
  FORBIDDEN: {
    role: msg(
      (p: { roles: string[] }) => `Ce service est réservé au rôle ${p.roles.join(' ou ')}`,
      (p) => `this endpoint is for the ${p.roles.join(' or ')} role`,
    ),
    lgoHasNoPage: msg("Un jeton lgo n'ouvre aucune page", 'an lgo token has no page'),
    framework: msg(
      (_p: { message: string }) => 'Accès refusé',
      (p) => p.message,
    ),
  },
  CROSS_ORIGIN_REFUSED: {
    sessionChange: msg(
      "Une modification authentifiée par le cookie de session doit venir d'une page de Comptoir",
      'a change authenticated by the session cookie must come from a Comptoir page',
    ),
    login: msg('Connectez-vous depuis une page de Comptoir', 'log in from a Comptoir page'),
  },
  TERMINAL_MISMATCH: {
    otherTerminal: msg(
      (p: { terminalId: string }) =>
        `Ce jeton est celui du poste ${p.terminalId} ; la ressource appartient à un autre poste`,
      (p) => `this token belongs to terminal ${p.terminalId}; the resource is another terminal's`,
    ),
  },
  NOT_FOUND: {
    /** Nest's own 404 for a path no route serves ("Cannot GET /x"). */
    route: msg(
      (p: { method: string; path: string }) => `Aucun service ne répond à ${p.method} ${p.path}`,
      (p) => `Cannot ${p.method} ${p.path}`,
    ),
    owned: msg(
      (p: { kind: string; id: string }) => `${OWNED[p.kind]?.[0] ?? 'Aucune ressource'} ${p.id}`,
      (p) => `${OWNED[p.kind]?.[1] ?? `no ${p.kind}`} ${p.id}`,
    ),
    operator: msg(
      (p: { terminalId: string }) => `Personne n'est désigné au poste ${p.terminalId}`,
      (p) => `no operator set on terminal ${p.terminalId}`,
    ),
    asset: msg('Aucun fichier de ce nom', 'no such asset'),
    webhook: msg(
      (p: { id: string }) => `Aucun webhook ${p.id}`,
      (p) => `no webhook ${p.id}`,
    ),
    framework: msg(
      (_p: { message: string }) => 'Ressource introuvable',
      (p) => p.message,
    ),
  },
  TERMINAL_UNKNOWN: {
    unknown: msg(
      (p: { id: string }) => `Aucun poste ${p.id} dans la configuration`,
      (p) => `no terminal ${p.id}`,
    ),
  },
  NO_OPERATOR: {
    none: msg(
      (p: { terminalId: string }) =>
        `Personne n'est désigné au poste ${p.terminalId} : indiquez d'abord qui est au comptoir`,
      (p) => `no operator on terminal ${p.terminalId}`,
    ),
  },
  DEVICE_UNKNOWN: {
    unknown: msg(
      (p: { id: string }) => `Aucun périphérique ${p.id}`,
      (p) => `no device ${p.id}`,
    ),
  },
  SIMULATION_DISABLED: {
    notSandbox: msg('Comptoir ne tourne pas en bac à sable', 'not in sandbox mode'),
  },
  DEVICE_NOT_SIMULATED: {
    real: msg(
      (p: { id: string }) => `Le périphérique ${p.id} est un vrai périphérique`,
      (p) => `device ${p.id} is a real device`,
    ),
  },
  IDEMPOTENCY_KEY_REUSED: {
    reused: msg(
      'Cette clé Idempotency-Key a déjà servi pour une autre requête',
      'this Idempotency-Key was used with another request',
    ),
  },
  IDEMPOTENCY_IN_PROGRESS: {
    running: msg(
      'La première requête avec cette clé est encore en cours',
      'the first request with this key is still running',
    ),
  },
  HOST_NOT_ALLOWED: {
    host: msg("L'hôte demandé n'est pas servi ici", 'the requested host is not served here'),
  },
  OPERATOR_UNKNOWN: {
    rpps: msg(
      (p: { rpps: string }) => `Le RPPS ${p.rpps} n'est pas au registre du personnel`,
      (p) => `RPPS ${p.rpps} is not in the staff registry`,
    ),
  },
  OPERATOR_CODE_INVALID: {
    noCode: msg(
      'Aucun code personnel enregistré pour cette personne',
      'no personal code is recorded for this person',
    ),
    codeRequired: msg(
      'Le code personnel est obligatoire depuis le poste',
      'the personal code is required from a counter',
    ),
    wrong: msg('Code personnel incorrect', 'wrong personal code'),
  },
  OPERATOR_LOCKED: {
    locked: msg(
      (p: { minutes: number }) => `Trop de codes incorrects : réessayez dans ${p.minutes} min`,
      (p) => `too many wrong codes: try again in ${p.minutes} min`,
    ),
  },
  STAFF_UNKNOWN: {
    rpps: msg(
      (p: { rpps: string }) => `Aucune personne de RPPS ${p.rpps} au registre`,
      (p) => `no one with RPPS ${p.rpps} in the registry`,
    ),
  },
  LOGIN_RATE_LIMITED: {
    limited: msg(
      (p: { minutes: number }) =>
        `Trop de connexions refusées depuis cette adresse : réessayez dans ${p.minutes} min`,
      (p) => `too many refused logins from this address: try again in ${p.minutes} min`,
    ),
  },
  PAYLOAD_TOO_LARGE: {
    overLimit: msg('Le corps de la requête dépasse la taille permise', 'request body exceeds the limit'),
  },
  UNSUPPORTED_MEDIA_TYPE: {
    encoding: msg(
      (p: { encoding: string }) => `Encodage du corps non pris en charge : ${p.encoding}`,
      (p) => `unsupported content encoding "${p.encoding}"`,
    ),
    charset: msg(
      (p: { charset: string }) => `Jeu de caractères non pris en charge : ${p.charset}`,
      (p) => `unsupported charset "${p.charset}"`,
    ),
    framework: msg(
      (_p: { message: string }) => 'Type de contenu non pris en charge',
      (p) => p.message,
    ),
  },
  DATABASE_UNAVAILABLE: {
    unavailable: msg(
      'La base de données est inutilisable pour le moment : réessayez dans quelques secondes',
      'the database cannot be used right now: try again in a few seconds',
    ),
  },
  INTERNAL_ERROR: {
    unexpected: msg(
      'Erreur inattendue ; elle est consignée dans le journal',
      'unexpected error; it was logged',
    ),
  },
  AUDIT_ENTRY_REFUSED: {
    forbiddenKey: msg(
      (p: { key: string }) => `Les données d'audit ne peuvent pas contenir « ${p.key} »`,
      (p) => `audit data may not hold "${p.key}"`,
    ),
    action: msg(
      (p: { action: string }) => `L'action d'audit « ${p.action} » n'est pas un nom pointé`,
      (p) => `audit action "${p.action}" is not a dotted name`,
    ),
    subjectType: msg(
      "Le type de sujet d'audit compte de 1 à 32 caractères",
      'audit subject type must be 1–32 characters',
    ),
    subjectId: msg(
      "L'identifiant de sujet d'audit compte de 1 à 64 caractères",
      'audit subject id must be 1–64 characters',
    ),
    actorRpps: msg("Le RPPS de l'acteur compte 11 chiffres", 'actor rpps must be 11 digits'),
  },
} satisfies ErrorDetails<CoreErrorCode>;
