import { addDays, addMonths, daysBetween, localDate } from './calendar';

describe('calendar', () => {
  it.each([
    ['2026-11-20', 6, '2026-11-26'],
    ['2026-02-27', 2, '2026-03-01'],
    ['2026-03-28', 1, '2026-03-29'], // DST starts in Paris on 29 March 2026: still one day
    ['2026-10-25', -1, '2026-10-24'],
  ])('addDays(%s, %d) = %s', (d, n, out) => expect(addDays(d, n)).toBe(out));

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-11-20', 12, '2027-11-20'],
    ['2026-12-15', 3, '2027-03-15'],
  ])('addMonths(%s, %d) = %s', (d, n, out) => expect(addMonths(d, n)).toBe(out));

  it('counts days across a DST change', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-30', '2026-10-24')).toBe(-6);
  });

  it.each([
    ['2026-11-26T22:59:59Z', '2026-11-26'], // 23:59:59 in Paris (UTC+1)
    ['2026-11-26T23:00:00Z', '2026-11-27'], // midnight in Paris
    ['2026-06-30T21:59:59Z', '2026-06-30'], // 23:59:59 in Paris (UTC+2)
    ['2026-06-30T22:00:00Z', '2026-07-01'],
    ['2026-03-29T00:30:00+01:00', '2026-03-29'],
    ['2026-10-25T02:30:00+01:00', '2026-10-25'], // the repeated hour of the October change
  ])('localDate(%s) in Europe/Paris is %s', (at, day) => expect(localDate(at)).toBe(day));

  it('follows the configured zone (an overseas pharmacy)', () => {
    expect(localDate('2026-11-27T02:00:00Z', 'America/Martinique')).toBe('2026-11-26');
  });

  it.each(['2026-02-30', '20261120', 'x'])('refuses %s', (d) =>
    expect(() => addDays(d, 1)).toThrow(RangeError),
  );
});
