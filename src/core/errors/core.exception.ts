import { ErrorSpec, stageException } from './comptoir.exception';

export const CORE_ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    kind: 'permanent',
    title: {
      fr: 'Requête invalide : un champ ou un paramètre est incorrect',
      en: 'Request body or parameters are invalid',
    },
  },
  MALFORMED_JSON: {
    status: 400,
    kind: 'permanent',
    title: { fr: "Le corps de la requête n'est pas du JSON valide", en: 'Request body is not valid JSON' },
  },
  UNAUTHORIZED: {
    status: 401,
    kind: 'permanent',
    title: { fr: "Jeton d'accès absent ou invalide", en: 'Missing or invalid bearer token' },
  },
  FORBIDDEN: {
    status: 403,
    kind: 'permanent',
    title: { fr: "Ce rôle n'a pas accès à ce service", en: 'This role may not call this endpoint' },
  },
  CROSS_ORIGIN_REFUSED: {
    status: 403,
    kind: 'permanent',
    title: {
      fr: "Une modification faite avec le cookie de session doit venir d'une page de Comptoir",
      en: 'A cookie-authenticated change must come from a Comptoir page (same origin)',
    },
  },
  TERMINAL_MISMATCH: {
    status: 403,
    kind: 'permanent',
    title: { fr: "Ce poste n'est pas celui du jeton", en: "terminalId is not the token's terminal" },
  },
  NOT_FOUND: {
    status: 404,
    kind: 'permanent',
    title: { fr: 'Ressource introuvable', en: 'No such resource' },
  },
  TERMINAL_UNKNOWN: {
    status: 404,
    kind: 'permanent',
    title: { fr: 'Poste inconnu', en: 'No such terminal' },
  },
  NO_OPERATOR: {
    status: 409,
    kind: 'permanent',
    title: { fr: "Personne n'est désigné au poste", en: 'No operator is set on this terminal' },
  },
  DEVICE_UNKNOWN: {
    status: 404,
    kind: 'permanent',
    title: { fr: 'Périphérique inconnu', en: 'No such device' },
  },
  SIMULATION_DISABLED: {
    status: 404,
    kind: 'permanent',
    title: {
      fr: "La simulation des périphériques n'existe qu'en bac à sable",
      en: 'Device simulation is a sandbox feature',
    },
  },
  DEVICE_NOT_SIMULATED: {
    status: 409,
    kind: 'permanent',
    title: { fr: "Ce périphérique n'est pas simulé", en: 'This device is not a simulated device' },
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: 'Cette clé Idempotency-Key a déjà servi pour une autre requête',
      en: 'Idempotency-Key was already used with another request',
    },
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    kind: 'retryable',
    title: {
      fr: 'Une requête avec cette clé Idempotency-Key est encore en cours',
      en: 'A request with this Idempotency-Key is still being processed',
    },
  },
  HOST_NOT_ALLOWED: {
    status: 400,
    kind: 'permanent',
    title: {
      fr: "Ce nom d'hôte n'est pas servi ici (server.allowedHosts)",
      en: 'This host name is not served here (server.allowedHosts)',
    },
  },
  OPERATOR_UNKNOWN: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: "Ce RPPS n'est pas dans le registre du personnel de la pharmacie",
      en: "This RPPS is not in the pharmacy's staff registry",
    },
  },
  OPERATOR_CODE_INVALID: {
    status: 403,
    kind: 'permanent',
    title: { fr: 'Code personnel incorrect', en: 'Wrong personal code' },
  },
  OPERATOR_LOCKED: {
    status: 429,
    kind: 'retryable',
    title: {
      fr: 'Trop de codes incorrects : cette personne est bloquée quelques minutes',
      en: 'Too many wrong codes: this person is locked out for a few minutes',
    },
  },
  STAFF_UNKNOWN: {
    status: 404,
    kind: 'permanent',
    title: {
      fr: 'Personne inconnue du registre du personnel',
      en: 'No one with this RPPS in the staff registry',
    },
  },
  LOGIN_RATE_LIMITED: {
    status: 429,
    kind: 'retryable',
    title: {
      fr: 'Trop de connexions refusées depuis cette adresse : réessayez plus tard',
      en: 'Too many refused logins from this address: try again later',
    },
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    kind: 'permanent',
    title: { fr: 'Corps de requête trop volumineux', en: 'Request body too large' },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    kind: 'permanent',
    title: { fr: 'Type de contenu non pris en charge', en: 'Unsupported content type' },
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    kind: 'retryable',
    title: { fr: 'Base de données indisponible', en: 'Database unavailable' },
  },
  INTERNAL_ERROR: {
    status: 500,
    kind: 'retryable',
    title: { fr: 'Erreur interne', en: 'Internal error' },
  },
  AUDIT_ENTRY_REFUSED: {
    status: 500,
    kind: 'permanent',
    title: {
      fr: "Entrée du journal d'audit refusée (identité du patient dans ses données, ou entrée mal formée) : une anomalie de l'appelant",
      en: 'An audit entry was refused (patient identity in its data, or malformed): a bug in the caller',
    },
  },
} as const satisfies Record<string, ErrorSpec>;

export type CoreErrorCode = keyof typeof CORE_ERRORS;

/** The core module's exception (HTTP edge, auth, idempotency, devices registry). */
export class CoreException extends stageException(CORE_ERRORS) {}
