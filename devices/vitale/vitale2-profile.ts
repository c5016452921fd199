// Carte Vitale 2 identity, from public facts only (domain-research §8; cardpeek's vitale_2.lua, GPL, read not
// copied). [F] marks a public fact, [A] an assumption made here. Everything else on the card (Vitale 1,
// rights, ALD, AMC) is not public and comes through SesamVitalePort, never from raw APDUs.
import { exchange, readBinaryAll, selectByAid, selectByFid, type CommandApdu, type Transmit } from './apdu';
import { checkNir, formatCardDate, parseCardDate, type CardHolderRecord, type Person } from './card-holder';
import { encodeTlv, findTlv, parseTlv, type Tlv } from './tlv';
import { VitaleError } from './vitale-error';

/** [F] Application "VITALE" (holds the EF map 2001 and the identity files). */
export const VITALE_AID = Buffer.from('D250000002564954414C45', 'hex');
/** [F] Application "MF_VITALE" (holds DIR 2F00 and PAN 2F02). */
export const MF_VITALE_AID = Buffer.from('D2500000024D465F564954414C45', 'hex');
/** [F] EF 2001 in VITALE: the map of applications and files. */
export const EF_MAP = 0x2001;
export const EF_DIR = 0x2f00;
export const EF_PAN = 0x2f02;

/** [F] Data tags, as cardpeek names them. */
export const TAG = {
  MAP: 0xe0,
  MAP_APPLICATIONS: 0xa0,
  MAP_APPLICATION: 0x82,
  MAP_FILE: 0x80,
  BENEFICIARY: 0x65,
  NATIONALITY: 0x90,
  NIR: 0x93,
  LAST_NAME: 0x80,
  FIRST_NAME: 0x81,
  BIRTH_DATE: 0x82,
  CARD: 0x66,
  CARD_VALID_FROM: 0x80,
} as const;

export interface MapFile {
  /** [F] 8 printable characters; the real names are not public ([A] the simulator's are made up). */
  name: string;
  fid: number;
}
export interface MapApplication {
  /** [F] 2-byte entry number linking files to their application. */
  entry: number;
  aid: Buffer;
  files: MapFile[];
}

/** [F] EF 2001: E0 { A0 { 82 [entry(2) ??(2) AID]… } 80 [name(8) entry(2) fid(2)]… }. [A] bytes 2–3 of 82 ignored. */
export function parseCardMap(content: Buffer): MapApplication[] {
  const root = findTlv(parseTlv(content), TAG.MAP);
  const apps = findTlv(root?.children, TAG.MAP_APPLICATIONS);
  if (!root || !apps) throw new VitaleError('BAD_CARD_DATA', 'EF 2001 holds no E0/A0 map');
  const out: MapApplication[] = (apps.children ?? [])
    .filter((t) => t.tag === TAG.MAP_APPLICATION && t.value.length > 4)
    .map((t) => ({ entry: t.value.readUInt16BE(0), aid: Buffer.from(t.value.subarray(4)), files: [] }));
  for (const t of root.children ?? []) {
    if (t.tag !== TAG.MAP_FILE || t.value.length < 12) continue;
    const app = out.find((a) => a.entry === t.value.readUInt16BE(8));
    app?.files.push({ name: text(t.value.subarray(0, 8)), fid: t.value.readUInt16BE(10) });
  }
  return out;
}

export function encodeCardMap(apps: MapApplication[]): Buffer {
  const entry = (n: number): Buffer => Buffer.from([n >> 8, n & 0xff]);
  const appTlvs = apps.map((a) => encodeTlv(TAG.MAP_APPLICATION, [entry(a.entry), Buffer.alloc(2), a.aid]));
  const fileTlvs = apps.flatMap((a) =>
    a.files.map((f) =>
      encodeTlv(TAG.MAP_FILE, [
        Buffer.from(f.name.padEnd(8).slice(0, 8), 'latin1'),
        entry(a.entry),
        entry(f.fid),
      ]),
    ),
  );
  return encodeTlv(TAG.MAP, [encodeTlv(TAG.MAP_APPLICATIONS, appTlvs), ...fileTlvs]);
}

// Card text: [A] Latin-1, padded with spaces, 00 or FF.
const text = (b: Buffer): string =>
  b
    .toString('latin1')
    .replace(/[\s\0\xff]+$/, '')
    .trim();

/** [F] A 65 "Bénéficiaire" template → Person (93 NIR, 80 name, 81 first name, 82 birth date AAAAMMJJ). */
export function decodePerson(template: Tlv): Person {
  const field = (tag: number): string | undefined => {
    const t = findTlv(template.children, tag);
    return t ? text(t.value) : undefined;
  };
  const lastName = field(TAG.LAST_NAME);
  const birth = field(TAG.BIRTH_DATE);
  if (!lastName || !birth)
    throw new VitaleError('BAD_CARD_DATA', 'beneficiary template without name or birth date');
  const { date, kind } = parseCardDate(birth);
  const nir = field(TAG.NIR);
  const first = field(TAG.FIRST_NAME);
  return {
    ...(nir ? { nir: checkNir(nir) } : {}),
    lastName,
    firstNames: first ? [first] : [],
    birthDate: date,
    birthDateKind: kind,
  };
}

/** What the simulator takes for a person; `birthName` and `rank` are not on the public layout and are dropped. */
export type PersonInput = Omit<Person, 'birthDateKind'> & { birthDateKind?: Person['birthDateKind'] };

export function encodePerson(p: PersonInput): Buffer {
  const field = (tag: number, value: string): Buffer => encodeTlv(tag, Buffer.from(value, 'latin1'));
  return encodeTlv(TAG.BENEFICIARY, [
    ...(p.nir ? [field(TAG.NIR, p.nir)] : []),
    field(TAG.LAST_NAME, p.lastName),
    field(TAG.FIRST_NAME, p.firstNames.join(' ')),
    field(TAG.BIRTH_DATE, formatCardDate(p.birthDate)),
  ]);
}

export interface Vitale2ReadOptions {
  /** Largest EF read (default 16 KiB). */
  maxFileBytes?: number;
}

const NOT_VITALE = new Set(['FILE_NOT_FOUND', 'WRONG_PARAMETERS', 'INS_NOT_SUPPORTED', 'CLA_NOT_SUPPORTED']);

const isFileMissing = (err: unknown): boolean =>
  err instanceof VitaleError &&
  ['FILE_NOT_FOUND', 'SECURITY_NOT_SATISFIED', 'CONDITIONS_NOT_SATISFIED'].includes(err.code);

/**
 * [A] SELECT without FCI (P2=0C, ISO 7816-4) first: a T=0 card would otherwise want a GET RESPONSE per SELECT
 * for an FCI nobody reads. A card that refuses it gets cardpeek's P2=00 form for the rest of the read.
 */
function selector(transmit: Transmit): (command: CommandApdu) => Promise<void> {
  let withFci = false;
  return async (command) => {
    if (!withFci) {
      try {
        await exchange(transmit, { ...command, p2: 0x0c, le: undefined });
        return;
      } catch (err) {
        if (!(err instanceof VitaleError) || err.sw === undefined || err.code === 'FILE_NOT_FOUND') throw err;
        withFci = true;
      }
    }
    await exchange(transmit, command);
  };
}

interface Found {
  persons: Person[];
  validFrom?: string;
  serial?: string;
}

function collect(content: Buffer, found: Found): void {
  if (content[0] !== TAG.BENEFICIARY && content[0] !== TAG.CARD) return;
  for (const t of parseTlv(content)) {
    if (t.tag === TAG.BENEFICIARY) found.persons.push(decodePerson(t));
    const from = t.tag === TAG.CARD ? findTlv(t.children, TAG.CARD_VALID_FROM) : undefined;
    if (from) found.validFrom = parseCardDate(text(from.value)).date;
  }
}

/**
 * Reads a Vitale 2 card: SELECT VITALE, read the map (EF 2001), then every mapped file; 65 templates are the
 * persons ([A] the first one is the holder, the others the beneficiaries), 66/80 the start of validity,
 * MF_VITALE's PAN the serial. Files that are absent or protected are skipped; a file that does not open with
 * a 65 or 66 tag (certificates, keys) is not read past its first chunk.
 */
export async function readVitale2(
  transmit: Transmit,
  options: Vitale2ReadOptions = {},
): Promise<CardHolderRecord> {
  const read = (continueIf?: (b: Buffer) => boolean) =>
    readBinaryAll(transmit, { maxBytes: options.maxFileBytes, continueIf });
  const select = selector(transmit);
  try {
    await select(selectByAid(VITALE_AID));
  } catch (err) {
    // The card understood the command and has no such application: another card (a CPS, a bank card).
    if (err instanceof VitaleError && NOT_VITALE.has(err.code)) {
      throw new VitaleError('NOT_A_VITALE_CARD', 'the card has no VITALE application', {
        cause: err,
        sw: err.sw,
      });
    }
    throw err;
  }
  await select(selectByFid(EF_MAP));
  const map = parseCardMap(await read());
  // VITALE is selected now: its files first, which saves a SELECT.
  const apps = [...map].sort((a, b) => Number(b.aid.equals(VITALE_AID)) - Number(a.aid.equals(VITALE_AID)));
  let selected: Buffer = VITALE_AID;
  const found: Found = { persons: [] };
  for (const app of apps) {
    const isMf = app.aid.equals(MF_VITALE_AID);
    const files = isMf ? [...app.files, { name: 'PAN', fid: EF_PAN }] : app.files;
    if (files.length === 0) continue;
    if (!app.aid.equals(selected)) {
      try {
        await select(selectByAid(app.aid));
        selected = app.aid;
      } catch (err) {
        if (isFileMissing(err)) continue;
        throw err;
      }
    }
    for (const file of files) {
      let content: Buffer;
      try {
        await select(selectByFid(file.fid));
        // Not past the first chunk unless it opens like an identity file (certificates and keys are skipped).
        const isPan = isMf && file.fid === EF_PAN;
        content = await read((first) => isPan || first[0] === TAG.BENEFICIARY || first[0] === TAG.CARD);
      } catch (err) {
        if (isFileMissing(err)) continue;
        throw err;
      }
      // [A] PAN content is opaque: kept as hex, trailing F padding (odd BCD) dropped.
      if (isMf && file.fid === EF_PAN)
        found.serial = content.toString('hex').toUpperCase().replace(/F+$/, '') || undefined;
      else collect(content, found);
    }
  }
  if (found.persons.length === 0)
    throw new VitaleError('BAD_CARD_DATA', 'no beneficiary template on the card');
  return {
    cardType: 'vitale2',
    ...(found.serial ? { serial: found.serial } : {}),
    ...(found.validFrom ? { validFrom: found.validFrom } : {}),
    holder: found.persons[0],
    beneficiaries: found.persons.slice(1),
  };
}
