import { dashboardCsv } from './dashboard-csv';

describe('dashboardCsv', () => {
  it('writes a BOM, a French header, one CRLF row per item, quoting what a spreadsheet would misread', () => {
    const csv = dashboardCsv(
      [
        {
          prescriptionId: '202611230930000001',
          status: 'invoiced',
          updatedAt: '2026-11-23T09:05:00.000Z',
          terminalId: 'caisse;2',
          renewalNumber: 1,
          executionsElsewhere: 0,
          dispensationId: '=HYPERLINK("x")',
        },
      ],
      'Europe/Paris',
    );
    expect(csv.startsWith('\uFEFFN° ordonnance;Statut;')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(
      `202611230930000001;Facturée;invoiced;23/11/2026 10:05;"caisse;2";1;0;"'=HYPERLINK(""x"")";`,
    );
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
