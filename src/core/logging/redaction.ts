/**
 * Paths pino censors: patient identity (names, birth dates, NIR/INS), raw scan payloads and credentials
 * never reach the logs at info level (ARCHITECTURE.md, rules of the house).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.lastName',
  '*.firstName',
  '*.firstNames',
  '*.birthName',
  '*.birthDate',
  '*.birthPlace',
  '*.nir',
  '*.ins',
  '*.matricule',
  '*.patient',
  '*.raw',
  '*.data',
  '*.qr',
  '*.payload',
  'patient',
  'raw',
  'data',
];

/** Masks a scan payload for debug logs: kind-agnostic, keeps length and the first 3 characters. */
export function redactScan(data: string): string {
  return `${data.slice(0, 3)}…[${data.length} chars]`;
}
