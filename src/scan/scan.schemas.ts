import {
  arr,
  day,
  defineSchemas,
  int,
  mapOf,
  obj,
  oneOf,
  ref,
  str,
  type Schema,
} from '../core/http/openapi-schemas';

/** A scan's answer for one kind of code: `parsed` as API.md § Scans gives it. */
const variant = (kind: string, parsed: string) =>
  obj(
    {
      id: str({ format: 'uuid' }),
      kind: oneOf([kind]),
      parsed: ref(parsed),
      warnings: arr(str(), { description: 'Stable UPPER_SNAKE codes (docs/scanning.md)' }),
    },
    {
      symbology: str({ description: 'AIM symbology identifier, when the scanner sent one' }),
      retrieval: ref('ScanRetrieval'),
      sessionId: str({ format: 'uuid', description: 'The dispensation opened or resumed' }),
    },
  );

const KINDS: [string, string][] = [
  ['prescription-qr', 'ParsedPrescriptionQr'],
  ['prescription-id', 'ParsedPrescriptionId'],
  ['pack', 'ParsedPack'],
  ['product-code', 'ParsedProductCode'],
  ['ins', 'ParsedIns'],
  ['apcv', 'ParsedApcv'],
];
const variants = Object.fromEntries(KINDS.map(([kind, parsed]) => [`Scan_${kind}`, variant(kind, parsed)]));

/** The response schemas of the scan stage (docs/integration.md § The contract). */
defineSchemas({
  ParsedPrescriptionQr: obj(
    {
      prescriptionId: str(),
      qrVersion: int(),
      patient: obj({ lastName: str(), firstName: str(), birthDate: day() }),
      prescriber: obj({ rpps: str() }, { am: str(), finess: str(), replacementRpps: str() }),
    },
    { extra: mapOf({}, 'Keys the parser does not know, by dotted path, as found') },
  ),
  ParsedPrescriptionId: obj({ prescriptionId: str() }),
  ParsedPack: obj(
    { gtin: str({ pattern: '^\\d{14}$' }), ais: mapOf(str(), 'Every element as read, AI → raw value') },
    {
      cip13: str(),
      acl13: str(),
      expiry: day('Day 00 is the last day of the month'),
      lot: str(),
      serial: str(),
    },
  ),
  ParsedProductCode: obj(
    { code: str(), codeType: oneOf(['cip13', 'acl13', 'ean13', 'cip7']) },
    { cip13: str() },
  ),
  ParsedIns: obj({
    matricule: str(),
    oid: str(),
    firstNames: str(),
    birthName: str(),
    sex: oneOf(['F', 'M']),
    birthDate: day(),
    birthPlace: str(),
  }),
  ParsedApcv: obj({ raw: str() }),
  ScanRetrieval: obj(
    { status: oneOf(['retrieved', 'unknown', 'unavailable', 'refused']) },
    { code: str({ description: "The teleservice's refusal or the error code" }) },
  ),
  ...variants,
  ScanResult: {
    oneOf: Object.keys(variants).map((name) => ref(name) as Schema),
    discriminator: {
      propertyName: 'kind',
      mapping: Object.fromEntries(KINDS.map(([kind]) => [kind, `#/components/schemas/Scan_${kind}`])),
    },
  },
});
