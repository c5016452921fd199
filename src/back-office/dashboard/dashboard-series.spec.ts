import { seriesOf } from './dashboard.service';
import type { DashboardItem } from './dto/dashboard.dto';

const item = (status: DashboardItem['status'], updatedAt: string): DashboardItem => ({
  prescriptionId: `${status}-${updatedAt}`,
  status,
  updatedAt,
  executionsElsewhere: 0,
});

describe('seriesOf: the counters, day by day', () => {
  it('puts each prescription on the pharmacy day of its last activity, under its status', () => {
    const items = [
      item('invoiced', '2026-11-22T23:30:00.000Z'), // 00:30 on 23 November in Paris
      item('invoiced', '2026-11-23T10:00:00.000Z'),
      item('parked', '2026-11-21T08:00:00.000Z'),
      item('in-dispensation', '2026-11-21T09:00:00.000Z'),
    ];
    const series = seriesOf(items, '2026-11-21', '2026-11-23', 'Europe/Paris');
    expect(series.map((d) => d.date)).toEqual(['2026-11-21', '2026-11-22', '2026-11-23']);
    expect(series[0]).toMatchObject({ parked: 1, 'in-dispensation': 1, invoiced: 0 });
    expect(series[1]).toMatchObject({ invoiced: 0 });
    expect(series[2]).toMatchObject({ invoiced: 2, retrieved: 0 });
    // Summed over the days, the series give one count per prescription.
    const total = series.reduce(
      (n, d) =>
        n +
        Object.values(d)
          .filter((v) => typeof v === 'number')
          .reduce((a, b) => a + b, 0),
      0,
    );
    expect(total).toBe(items.length);
  });
});
