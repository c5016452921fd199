import type { PrescriptionLine } from '../../prescription/teleservice/teleservice.types';
import { compareTranscription } from './compare';

const base: PrescriptionLine = {
  lineId: '1',
  kind: 'medication',
  product: { cis: '69309629', dc: { substance: 'PARACÉTAMOL', strength: '1 g', form: 'gélule' } },
  posology: { text: '1 gélule matin et soir si douleur', unitsPerDay: 2 },
  quantity: { boxes: 2 },
  durationDays: 30,
  renewals: 0,
};
const paper = (over: Partial<PrescriptionLine>): PrescriptionLine => ({ ...base, ...over });

describe('a transcription against the teleservice’s prescription', () => {
  it.each<[string, PrescriptionLine[], string[]]>([
    ['the same lines', [paper({})], []],
    [
      'worded otherwise (posology text, label), a field left out',
      [
        paper({
          posology: { text: '1 le matin, 1 le soir' },
          renewals: undefined,
          product: { cis: '69309629', label: 'doliprane' },
        }),
      ],
      [],
    ],
    [
      'the product by its DC only, accents and spaces aside',
      [paper({ product: { dc: { substance: 'paracetamol', strength: '1g' } } })],
      [],
    ],
    ['another quantity', [paper({ quantity: { boxes: 3 } })], ['1.quantity.boxes: 3 ≠ 2']],
    [
      'another product code',
      [paper({ product: { cis: '60234100' } })],
      ['1.product.cis: 60234100 ≠ 69309629'],
    ],
    [
      'another DC strength',
      [paper({ product: { dc: { substance: 'PARACETAMOL', strength: '500 mg' } } })],
      ['1.product.dc.strength: 500mg ≠ 1g'],
    ],
    [
      'renewals and duration',
      [paper({ renewals: 2, durationDays: 90 })],
      ['1.durationDays: 90 ≠ 30', '1.renewals: 2 ≠ 0'],
    ],
    [
      'a line the teleservice lacks, one not transcribed',
      [paper({ lineId: '9' })],
      ['9: transcrite, absente du téléservice', '1: au téléservice, non transcrite'],
    ],
  ])('%s', (_label, transcribed, differences) => {
    expect(compareTranscription(transcribed, [base])).toEqual(differences);
  });
});
