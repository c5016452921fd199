import {
  arr,
  bool,
  defineSchemas,
  instant,
  int,
  listOf,
  mapOf,
  nullable,
  obj,
  oneOf,
  ref,
  str,
} from './http/openapi-schemas';
import { SERVER_EVENT_TYPES } from './events/events.service';

/** The response schemas of core's routes (docs/integration.md § The contract). */
defineSchemas({
  Problem: obj(
    {
      type: str({ format: 'uri', description: 'https://comptoir.invalid/errors/<code>' }),
      title: str({ description: 'French unless Accept-Language puts en first' }),
      status: int(),
      code: str({ pattern: '^[A-Z][A-Z0-9_]*$', description: 'Stable code, docs/errors.md' }),
      detail: str(),
    },
    {
      issues: arr(ref('Issue'), { description: 'The blocking issues (DISPENSATION_HAS_BLOCKING_ISSUES)' }),
      retryAfterSeconds: int({ description: 'Also the Retry-After header' }),
      details: mapOf(
        {},
        'Machine-readable details (SFPC_CODE_UNKNOWN: `fields`, the fields whose codes are unknown)',
      ),
      fields: arr(str(), { description: 'SFPC_CODE_UNKNOWN, deprecated: `details.fields`' }),
      dispensationStatus: str(),
      scanKind: str(),
      role: str(),
      fseNumber: str(),
      httpStatus: int(),
      signerFailure: str(),
    },
    {
      description: 'RFC 9457 problem details with a stable code; further members may be added within v1',
      additionalProperties: true,
    },
  ),
  HealthCheck: obj(
    { status: oneOf(['up', 'down']) },
    { detail: {}, total: int(), down: int(), oldestQueuedSeconds: nullable(int()) },
    { additionalProperties: true, description: 'Further fields of a check may be added within v1' },
  ),
  Health: obj({
    status: oneOf(['ok', 'degraded']),
    checks: obj(
      { database: ref('HealthCheck'), teleservice: ref('HealthCheck'), devices: ref('HealthCheck') },
      {},
      { additionalProperties: ref('HealthCheck') },
    ),
  }),
  Device: obj(
    {
      id: str(),
      kind: oneOf(['scanner', 'card-reader']),
      driver: str({ description: 'serial, hid, sim, pcsc…' }),
      status: oneOf(['connected', 'disconnected', 'error', 'starting']),
      lastSeenAt: nullable(instant()),
    },
    { terminalId: str() },
  ),
  DeviceList: listOf(ref('Device')),
  SimulationAccepted: obj({ deviceId: str(), accepted: bool() }),
  StaffMember: obj({
    rpps: str({ pattern: '^\\d{11}$' }),
    lastName: str(),
    firstName: str(),
    role: oneOf(['pharmacien', 'preparateur']),
  }),
  StaffEntry: obj(
    {
      rpps: str({ pattern: '^\\d{11}$' }),
      lastName: str(),
      firstName: str(),
      role: oneOf(['pharmacien', 'preparateur']),
    },
    {
      hasCode: bool({ description: 'lgo and back-office only' }),
      lockedUntil: instant('lgo and back-office only: refused after 5 wrong codes until then'),
    },
  ),
  StaffList: listOf(ref('StaffEntry')),
  Principal: obj({
    pharmacyId: str(),
    terminalId: str({ description: '`*` for an lgo credential' }),
    role: oneOf(['counter', 'back-office', 'lgo']),
  }),
  ServerEvent: obj(
    {
      type: oneOf(SERVER_EVENT_TYPES),
      at: instant(),
      data: mapOf({}, 'The event\u2019s payload (its fields depend on its type)'),
    },
    { terminalId: str() },
    { description: 'One Server-Sent Event (`data:` line); its `id:` line is unique across instances' },
  ),
});
