import { compareQrTraits, firstNamesMatch, normalizeTrait } from './identity-traits';

describe('identity traits', () => {
  it.each([
    ['Hélène', 'HELENE'],
    ["D'Artagnan", 'D ARTAGNAN'],
    ['Jean-Pierre', 'JEAN PIERRE'],
    ['  le   Floc’h ', 'LE FLOC H'],
    ['Lætitia', 'LAETITIA'],
    ['Cœur', 'COEUR'],
    ['ÉLODIE', 'ELODIE'],
  ])('normalises %s to %s', (input, out) => {
    expect(normalizeTrait(input)).toBe(out);
  });

  it.each([
    ['Jean-Pierre', 'JEAN PIERRE', true],
    ['JEAN', 'Jean Pierre', true],
    ['Jean Pierre', 'Jean', true],
    ['Pierre', 'Jean Pierre', false],
    ['Alain', 'Alan', false],
  ])('first names %s vs %s → %s', (a, b, match) => {
    expect(firstNamesMatch(a, b)).toBe(match);
  });

  const base = {
    patient: { lastName: 'ESSAI', firstName: 'Alain', birthDate: '1966-02-23' },
    prescriber: { rpps: '99900038441', am: '991118019' },
  };

  it('accepts the same traits written differently', () => {
    expect(
      compareQrTraits(
        { ...base, patient: { lastName: 'Essai', firstName: 'ALAIN', birthDate: '1966-02-23' } },
        base,
      ),
    ).toEqual([]);
  });

  it('names each differing field, not its value', () => {
    const qr = {
      patient: { lastName: 'ESSAIE', firstName: 'Alain', birthDate: '1966-02-24' },
      prescriber: { rpps: '99900038442', am: '991118019' },
    };
    expect(compareQrTraits(qr, base)).toEqual([
      { field: 'patient.lastName' },
      { field: 'patient.birthDate' },
      { field: 'prescriber.rpps' },
    ]);
  });

  it('checks the AM number or FINESS only when the QR carries it', () => {
    expect(compareQrTraits({ ...base, prescriber: { rpps: '99900038441' } }, base)).toEqual([]);
    expect(
      compareQrTraits({ ...base, prescriber: { rpps: '99900038441', finess: '750000000' } }, base),
    ).toEqual([{ field: 'prescriber.finess' }]);
  });
});
