import { ScanException } from '../scan.exception';
import { nirKey } from './check-digits';
import { isoDate } from './dates';
import { GS, restoreFnc1 } from './gs1-element-string';
import { assertScanSize } from './limits';
import type { Ins } from './types';
import { InsField, SCAN_DETAILS } from '../error-messages';
import { Text } from '../../core/i18n/messages';

/*
 * INS DataMatrix, ANS « INS — Format datamatrix » v2.2 (domain research §3.3):
 *
 * | part   | content                                 | length | separator                  |
 * |--------|-----------------------------------------|--------|----------------------------|
 * | header | `IS` + version `01` + 22 zeros          | 26     | –                          |
 * | S1     | matricule (NIR or NIA), key checked     | 15     | –                          |
 * | S2     | OID of the assigning authority          | ≤ 20   | GS when shorter than 20    |
 * | S3     | birth first names, upper case           | ≤ 100  | GS when shorter than 100   |
 * | S4     | birth name, upper case                  | ≤ 100  | GS when shorter than 100   |
 * | S5     | sex `F`/`M`                             | 1      | –                          |
 * | S6     | birth date `JJ-MM-AAAA` → `YYYY-MM-DD`  | 10     | –                          |
 * | S7     | INSEE birthplace code (`99xxx` abroad)  | 5      | – (a trailing GS is tolerated) |
 */

export const INS_HEADER = `IS01${'0'.repeat(22)}`;
const TEST_OIDS = ['1.2.250.1.213.1.4.10', '1.2.250.1.213.1.4.11'];
const NAME = /^[A-Z](?:[A-Z' -]*[A-Z'])?$/; // normalised per SEL-MP-043: upper case, no diacritics
const D = SCAN_DETAILS.INS_MALFORMED;

function bad(detail: Text): ScanException {
  return new ScanException('INS_MALFORMED', detail);
}

/** A reader over the payload that takes fixed fields and GS-ended fields of a maximum length. */
class Fields {
  pos = INS_HEADER.length;
  constructor(private readonly data: string) {}

  fixed(len: number, field: InsField): string {
    const v = this.data.slice(this.pos, this.pos + len);
    if (v.length !== len || v.includes(GS)) throw bad(D.fieldLength({ field, length: len }));
    this.pos += len;
    return v;
  }

  upTo(max: number, field: InsField): string {
    const window = this.data.slice(this.pos, this.pos + max);
    const gs = window.indexOf(GS);
    const v = gs < 0 ? window : window.slice(0, gs);
    if (!v || (gs < 0 && v.length < max)) throw bad(D.fieldNotEnded({ field }));
    this.pos += v.length + (gs < 0 ? 0 : 1);
    if (gs < 0 && this.data[this.pos] === GS) this.pos++; // a GS after a full-length field is tolerated
    return v;
  }

  end(): void {
    const rest = this.data.slice(this.pos);
    if (rest !== '' && rest !== GS) throw bad(D.trailingData());
  }
}

/** The INS DataMatrix payload. INS_MALFORMED for any deviation, including a wrong NIR key. */
export function parseIns(
  data: string,
  options: { fnc1Replacement?: string } = {},
): { parsed: Ins; warnings: string[] } {
  assertScanSize(data);
  const text = restoreFnc1(data, options.fnc1Replacement);
  if (!text.startsWith('IS')) throw bad(D.noHeader());
  if (text.slice(2, 4) !== '01') throw bad(D.version({ version: JSON.stringify(text.slice(2, 4)) }));
  if (!text.startsWith(INS_HEADER)) throw bad(D.reservedZone());
  const f = new Fields(text);
  const matricule = f.fixed(15, 'S1');
  const key = nirKey(matricule.slice(0, 13));
  if (key === undefined || !/^\d{2}$/.test(matricule.slice(13))) throw bad(D.notNir());
  if (key !== Number(matricule.slice(13))) throw bad(D.nirKey());
  const oid = f.upTo(20, 'S2');
  if (!/^\d+(\.\d+)+$/.test(oid)) throw bad(D.oid());
  const firstNames = f.upTo(100, 'S3');
  const birthName = f.upTo(100, 'S4');
  if (!NAME.test(firstNames) || !NAME.test(birthName)) throw bad(D.names());
  const sex = f.fixed(1, 'S5');
  if (sex !== 'F' && sex !== 'M') throw bad(D.sex());
  const dmy = /^(\d{2})-(\d{2})-(\d{4})$/.exec(f.fixed(10, 'S6'));
  const birthDate = dmy ? isoDate(Number(dmy[3]), Number(dmy[2]), Number(dmy[1])) : undefined;
  if (!birthDate) throw bad(D.birthDate());
  const birthPlace = f.fixed(5, 'S7');
  if (!/^(\d{5}|2[AB]\d{3})$/.test(birthPlace)) throw bad(D.birthPlace());
  f.end();

  const warnings: string[] = [];
  if (TEST_OIDS.includes(oid)) warnings.push('INS_TEST_OID');
  const nirSex: string | undefined = ({ '1': 'M', '2': 'F' } as Record<string, string>)[matricule[0]];
  if ((nirSex && nirSex !== sex) || matricule.slice(1, 3) !== birthDate.slice(2, 4))
    warnings.push('INS_NIR_MISMATCH');
  return { parsed: { matricule, oid, firstNames, birthName, sex, birthDate, birthPlace }, warnings };
}
