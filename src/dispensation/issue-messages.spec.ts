import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MessageRegistry } from '../core/i18n/message-registry';
import { LANGUAGES } from '../core/i18n/messages';
import { issue, ISSUE_SEVERITY, IssueCode } from './issue';
import { ISSUE_MESSAGES } from './issue-messages';

/** Parameters that exercise every branch of a message: all the details any rule gives. */
const SAMPLE = {
  product: 'LEVOTHYROX 100 microgrammes',
  mention: 'MTE',
  onNoLine: false,
  expectedBoxes: 2,
  dispensedBoxes: 3,
  expiry: '2026-01-31',
  serial: 'S1',
  where: 'elsewhere',
  lastDay: '2026-11-20',
  rule: 'R.5132-21',
  earliest: '2026-12-01',
  reason: 'no-result',
  coveredDays: 35,
  capDays: 28,
  cause: 'weeks',
  limitDays: 28,
  priorDays: 28,
  otherPrescriptionId: '202611100900000001',
  substance: 'zolpidem',
  coveredUntil: '2026-12-08',
  specialties: ['NEUROLOGIE'],
  scope: 'prescription',
  source: 'card',
  fields: ['patient.lastName'],
  lineId: '1',
  cip13: '3400930065891',
  label: 'plaquette(s) de 30 comprimé(s)',
  status: 'tension',
  deadline: '2026-11-20',
  deliverableDays: 22,
  deliverableUnits: 44,
  code: '3401560000009',
  remainingBoxes: 1,
  form: 'comprimé gastro-résistant(e)',
  treatmentDays: 90,
  differences: ['1.quantity.boxes: 2 ≠ 3'],
  deliveries: ['2026-11-21|1|Pharmacie de la Gare', '2026-11-22|2|here'],
  treatmentEnd: '2026-12-20',
};

const codes = Object.keys(ISSUE_SEVERITY) as IssueCode[];

describe('issue messages (API.md § Conventions: French, English on request)', () => {
  it.each(codes)('%s has a French and an English message', (code) => {
    const message = ISSUE_MESSAGES[code] as Record<string, (p: object) => string>;
    for (const language of LANGUAGES) {
      expect(typeof message?.[language]).toBe('function');
      const text = message[language](SAMPLE);
      expect(text.trim().length).toBeGreaterThan(10);
      expect(text).not.toMatch(/undefined|\[object Object\]|NaN/);
    }
    expect(message.fr(SAMPLE)).not.toBe(message.en(SAMPLE));
  });

  it('catalogues exactly the codes that have a severity', () => {
    expect(Object.keys(ISSUE_MESSAGES).sort()).toEqual([...codes].sort());
  });

  it('every issue the code raises has a code of the catalogue', () => {
    const root = join(__dirname, '..');
    const raised = new Set<string>();
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) {
          for (const m of readFileSync(path, 'utf8').matchAll(/\bissue\(\s*'([A-Z_]+)'/g)) raised.add(m[1]);
        }
      }
    };
    walk(root);
    expect(raised.size).toBeGreaterThan(20);
    expect([...raised].filter((c) => !(c in ISSUE_MESSAGES))).toEqual([]);
  });

  it('builds the French message from the details, and English at the HTTP edge', () => {
    const i = issue('PACK_EXPIRED', { expiry: '2026-01-31', packId: 'p1' });
    expect(i.message).toBe('Boîte périmée depuis le 31/01/2026');
    const registry = new MessageRegistry();
    registry.register('issue', ISSUE_MESSAGES);
    const body = { lines: [{ reconciliation: { issues: [i] } }], issues: [] };
    expect(registry.localise(body, 'en').lines[0].reconciliation.issues[0]).toEqual({
      ...i,
      message: 'This pack expired on 2026-01-31',
    });
    // The original is left as it was (the same view is published in French on the event stream).
    expect(i.message).toBe('Boîte périmée depuis le 31/01/2026');
  });
});
