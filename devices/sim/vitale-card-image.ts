// The file system of the simulated Vitale 2 card, built with the profile's own encoders (the read in reverse).
// The public facts are the AIDs, EF 2001/2F00/2F02 and the tags; file names and the ids of the identity
// files below are made up for the simulator, as the real ones are not public.
import { encodeTlv } from '../vitale/tlv';
import {
  EF_DIR,
  EF_MAP,
  EF_PAN,
  MF_VITALE_AID,
  TAG,
  VITALE_AID,
  encodeCardMap,
  encodePerson,
  type PersonInput,
} from '../vitale/vitale2-profile';
import { formatCardDate } from '../vitale/card-holder';

export interface CardFile {
  fid: number;
  content: Buffer;
}

export interface CardApplication {
  aid: Buffer;
  files: CardFile[];
}

/** Who is on the simulated card. */
export interface VitaleCardContent {
  holder: PersonInput;
  beneficiaries?: PersonInput[];
  /** Digits; stored packed BCD in EF PAN and read back as the record's `serial`. */
  serial?: string;
  /** YYYY-MM-DD, tag 66/80. */
  validFrom?: string;
}

/** The simulator's own ids for the files listed in the map (not public). */
export const SIM_EF_CARD = 0x2002;
export const SIM_EF_BENEFICIARIES = 0x2004;

function bcd(digits: string): Buffer {
  if (!/^\d*$/.test(digits)) throw new RangeError('serial must be digits');
  return Buffer.from(digits.length % 2 ? `${digits}F` : digits, 'hex');
}

export function buildVitale2Image(content: VitaleCardContent): CardApplication[] {
  const persons = [content.holder, ...(content.beneficiaries ?? [])];
  const cardTemplate = encodeTlv(TAG.CARD, [
    encodeTlv(TAG.CARD_VALID_FROM, Buffer.from(formatCardDate(content.validFrom ?? '2020-01-01'), 'latin1')),
  ]);
  const dir = encodeTlv(0x61, [
    encodeTlv(0x4f, VITALE_AID),
    encodeTlv(0x50, Buffer.from('VITALE', 'latin1')),
  ]);
  const map = encodeCardMap([
    { entry: 1, aid: MF_VITALE_AID, files: [] },
    {
      entry: 2,
      aid: VITALE_AID,
      files: [
        { name: 'CARTE', fid: SIM_EF_CARD },
        { name: 'BENEF', fid: SIM_EF_BENEFICIARIES },
      ],
    },
  ]);
  return [
    {
      aid: MF_VITALE_AID,
      files: [
        { fid: EF_DIR, content: dir },
        ...(content.serial ? [{ fid: EF_PAN, content: bcd(content.serial) }] : []),
      ],
    },
    {
      aid: VITALE_AID,
      files: [
        { fid: EF_MAP, content: map },
        { fid: SIM_EF_CARD, content: cardTemplate },
        { fid: SIM_EF_BENEFICIARIES, content: Buffer.concat(persons.map(encodePerson)) },
      ],
    },
  ];
}
