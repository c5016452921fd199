import { ErrorSpec, stageException } from './comptoir.exception';

export const CORE_ERRORS = {
  VALIDATION_FAILED: { status: 400, kind: 'permanent', title: 'Request body or parameters are invalid' },
  MALFORMED_JSON: { status: 400, kind: 'permanent', title: 'Request body is not valid JSON' },
  UNAUTHORIZED: { status: 401, kind: 'permanent', title: 'Missing or invalid bearer token' },
  FORBIDDEN: { status: 403, kind: 'permanent', title: 'This role may not call this endpoint' },
  CROSS_ORIGIN_REFUSED: {
    status: 403,
    kind: 'permanent',
    title: 'A cookie-authenticated change must come from a Comptoir page (same origin)',
  },
  TERMINAL_MISMATCH: { status: 403, kind: 'permanent', title: "terminalId is not the token's terminal" },
  NOT_FOUND: { status: 404, kind: 'permanent', title: 'No such resource' },
  TERMINAL_UNKNOWN: { status: 404, kind: 'permanent', title: 'No such terminal' },
  NO_OPERATOR: { status: 409, kind: 'permanent', title: 'No operator is set on this terminal' },
  DEVICE_UNKNOWN: { status: 404, kind: 'permanent', title: 'No such device' },
  SIMULATION_DISABLED: { status: 404, kind: 'permanent', title: 'Device simulation is a sandbox feature' },
  DEVICE_NOT_SIMULATED: { status: 409, kind: 'permanent', title: 'This device is not a simulated device' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    kind: 'permanent',
    title: 'Idempotency-Key was already used with another request',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    kind: 'retryable',
    title: 'A request with this Idempotency-Key is still being processed',
  },
  HOST_NOT_ALLOWED: {
    status: 400,
    kind: 'permanent',
    title: "Ce nom d'hôte n'est pas servi ici (server.allowedHosts)",
  },
  OPERATOR_UNKNOWN: {
    status: 422,
    kind: 'permanent',
    title: "Ce RPPS n'est pas dans le registre du personnel de la pharmacie",
  },
  OPERATOR_CODE_INVALID: { status: 403, kind: 'permanent', title: 'Code personnel incorrect' },
  OPERATOR_LOCKED: {
    status: 429,
    kind: 'retryable',
    title: 'Trop de codes incorrects : cette personne est bloquée quelques minutes',
  },
  STAFF_UNKNOWN: { status: 404, kind: 'permanent', title: 'Personne inconnue du registre du personnel' },
  LOGIN_RATE_LIMITED: {
    status: 429,
    kind: 'retryable',
    title: 'Trop de connexions refusées depuis cette adresse : réessayez plus tard',
  },
  PAYLOAD_TOO_LARGE: { status: 413, kind: 'permanent', title: 'Request body too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, kind: 'permanent', title: 'Unsupported content type' },
  DATABASE_UNAVAILABLE: { status: 503, kind: 'retryable', title: 'Database unavailable' },
  INTERNAL_ERROR: { status: 500, kind: 'retryable', title: 'Internal error' },
  AUDIT_ENTRY_REFUSED: {
    status: 500,
    kind: 'permanent',
    title: 'An audit entry was refused (patient identity in its data, or malformed): a bug in the caller',
  },
} as const satisfies Record<string, ErrorSpec>;

export type CoreErrorCode = keyof typeof CORE_ERRORS;

/** The core module's exception (HTTP edge, auth, idempotency, devices registry). */
export class CoreException extends stageException(CORE_ERRORS) {}
