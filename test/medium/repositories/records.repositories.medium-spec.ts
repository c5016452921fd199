import { InvoiceRejectionEntity } from '../../../src/back-office/rejections/invoice-rejection.entity';
import { RejectionRepository } from '../../../src/back-office/rejections/rejection.repository';
import { InvoiceEntity } from '../../../src/invoicing/invoice.entity';
import { InvoiceRepository } from '../../../src/invoicing/invoice.repository';
import { PrescriptionEntity } from '../../../src/prescription/prescription.entity';
import { PrescriptionRepository } from '../../../src/prescription/prescription.repository';
import { ScanEntity } from '../../../src/scan/scan.entity';
import { ScanRepository } from '../../../src/scan/scan.repository';
import { at, invoiceRow, prescriptionRow, rejectionRow, T0 } from '../../factories/rows';
import { openTestDatabase, TestDatabase, testEngine } from '../../support/database';

describe(`prescription, scan, invoicing and rejection repositories on ${testEngine()}`, () => {
  let t: TestDatabase;
  const write = <T>(work: Parameters<typeof t.db.transaction<T>>[0]) => t.db.transaction(work);

  beforeEach(async () => {
    t = await openTestDatabase([PrescriptionEntity, ScanEntity, InvoiceEntity, InvoiceRejectionEntity]);
  });

  afterEach(() => t.close());

  it('PrescriptionRepository keeps the last copy and finds the patient’s others', async () => {
    const repo = new PrescriptionRepository();
    await write(async (m) => {
      await repo.save(m, prescriptionRow({ prescriptionId: 'P1', retrievedAt: at(1) }));
      await repo.save(m, prescriptionRow({ prescriptionId: 'P2', retrievedAt: at(3) }));
      await repo.save(m, prescriptionRow({ prescriptionId: 'P3', retrievedAt: at(2) }));
      await repo.save(m, prescriptionRow({ prescriptionId: 'P4', patientKey: 'other', retrievedAt: at(4) }));
    });
    await write((m) =>
      repo.save(m, prescriptionRow({ prescriptionId: 'P1', retrievedAt: at(9), prescriberRpps: '2' })),
    );
    // Two pharmacies both retrieve P1 (one national prescription): two copies, each its pharmacy's.
    await write((m) =>
      repo.save(m, prescriptionRow({ pharmacyId: 'south', prescriptionId: 'P1', retrievedAt: at(2) })),
    );
    expect((await repo.find(t.db.reader, 'south', 'P1'))?.retrievedAt).toEqual(at(2));
    expect(await repo.find(t.db.reader, 'south', 'P2')).toBeNull();
    expect(await repo.find(t.db.reader, 'default', 'P1')).toMatchObject({
      retrievedAt: at(9),
      prescriberRpps: '2',
      data: { prescriptionId: 'P1' },
    });
    expect(await repo.find(t.db.reader, 'default', 'P9')).toBeNull();
    expect(
      (await repo.findMany(t.db.reader, 'default', ['P1', 'P4', 'P9'])).map((p) => p.prescriptionId).sort(),
    ).toEqual(['P1', 'P4']);
    expect(await repo.findMany(t.db.reader, 'default', [])).toEqual([]);
    expect(
      (await repo.othersOfPatient(t.db.reader, 'default', 'k1', 'P1')).map((p) => p.prescriptionId),
    ).toEqual(['P2', 'P3']);
    expect(
      (await repo.othersOfPatient(t.db.reader, 'default', 'k1', 'P1', 1)).map((p) => p.prescriptionId),
    ).toEqual(['P2']);
    expect(
      (await repo.retrievedIn(t.db.reader, 'default', at(2), at(4))).map((p) => p.prescriptionId).sort(),
    ).toEqual(['P2', 'P3']);
    expect(
      (await repo.othersOfPatient(t.db.reader, 'south', 'k1', 'P9')).map((p) => p.prescriptionId),
    ).toEqual(['P1']);
    expect((await repo.retrievedIn(t.db.reader, 'south', at(0), at(9))).map((p) => p.prescriptionId)).toEqual(
      ['P1'],
    );
  });

  it('ScanRepository writes the trail', async () => {
    const repo = new ScanRepository();
    const row = {
      pharmacyId: 'default',
      id: 's1',
      terminalId: 'counter-1',
      deviceId: null,
      source: 'api',
      kind: 'pack',
      symbology: null,
      parsed: { gtin: '03400941533969' },
      warnings: ['w'],
      createdAt: T0,
    };
    await write((m) => repo.insert(m, row));
    expect(await repo.find(t.db.reader, 's1')).toEqual(row);
  });

  it('InvoiceRepository finds by dispensation, FSE and prescription, and ranges', async () => {
    const repo = new InvoiceRepository();
    const a = invoiceRow({ dispensationId: 'D1', fseNumber: 'F1', invoicedAt: at(1), createdAt: at(1) });
    const b = invoiceRow({
      dispensationId: 'D2',
      prescriptionId: 'P2',
      fseNumber: 'F1',
      invoicedAt: at(5),
      createdAt: at(6),
      override: { reason: 'panne', by: '1' },
    });
    const south = invoiceRow({
      pharmacyId: 'south',
      dispensationId: 'D3',
      fseNumber: 'F1',
      createdAt: at(1),
    });
    await write(async (m) => {
      await repo.insert(m, a);
      await repo.insert(m, b);
      await repo.insert(m, south);
    });
    expect(await repo.find(t.db.reader, b.id)).toEqual(b);
    expect((await repo.ofDispensation(t.db.reader, 'D1'))?.id).toBe(a.id);
    expect(await repo.ofDispensation(t.db.reader, 'D9')).toBeNull();
    expect((await repo.ofDispensations(t.db.reader, ['D1', 'D2'])).length).toBe(2);
    expect(await repo.ofDispensations(t.db.reader, [])).toEqual([]);
    expect((await repo.byFse(t.db.reader, 'default', 'F1')).map((i) => i.id)).toEqual([b.id, a.id]);
    expect((await repo.byFse(t.db.reader, 'south', 'F1')).map((i) => i.id)).toEqual([south.id]);
    expect((await repo.ofPrescriptions(t.db.reader, 'default', ['P2'])).map((i) => i.prescriptionId)).toEqual(
      ['P2'],
    );
    expect((await repo.ofPrescriptions(t.db.reader, 'south', ['P2'])).length).toBe(0);
    expect(await repo.recordedIn(t.db.reader, 'default', at(0), at(2))).toEqual(['P1']);
    expect(await repo.recordedIn(t.db.reader, 'south', at(0), at(2))).toEqual(['P1']);
    await expect(write((m) => repo.insert(m, invoiceRow({ dispensationId: 'D1' })))).rejects.toThrow(
      /UNIQUE|duplicate key/,
    );
  });

  it('RejectionRepository records, finds the same one, counts the open ones, lists and ranges', async () => {
    const repo = new RejectionRepository();
    const first = rejectionRow({ receivedAt: at(1), updatedAt: at(1) });
    const second = rejectionRow({
      rejectionCode: 'R2',
      receivedAt: at(2),
      status: 'resolved',
      updatedAt: at(7),
    });
    const third = rejectionRow({
      dispensationId: 'D2',
      prescriptionId: 'P2',
      receivedAt: at(3),
      updatedAt: at(3),
    });
    // Another pharmacy's rejection of the same FSE number, code and instant: its own row.
    const south = rejectionRow({
      pharmacyId: 'south',
      dispensationId: 'D9',
      receivedAt: at(1),
      updatedAt: at(8),
    });
    await write(async (m) => {
      for (const r of [first, second, third, south]) await repo.insert(m, r);
    });
    expect(await repo.find(t.db.reader, 'default', first.id)).toEqual(first);
    expect(await repo.find(t.db.reader, 'default', south.id)).toBeNull();
    expect(await repo.find(t.db.reader, 'south', south.id)).toEqual(south);
    expect((await repo.list(t.db.reader, 'south', undefined, 10)).map((r) => r.id)).toEqual([south.id]);
    expect(
      (
        await repo.findSame(t.db.reader, {
          pharmacyId: 'south',
          fseNumber: 'F1',
          rejectionCode: 'R1',
          receivedAt: at(1),
        })
      )?.id,
    ).toBe(south.id);
    expect(
      (
        await repo.findSame(t.db.reader, {
          pharmacyId: 'default',
          fseNumber: 'F1',
          rejectionCode: 'R1',
          receivedAt: at(1),
        })
      )?.id,
    ).toBe(first.id);
    expect(
      await repo.findSame(t.db.reader, {
        pharmacyId: 'default',
        fseNumber: 'F1',
        rejectionCode: 'R1',
        receivedAt: at(9),
      }),
    ).toBeNull();
    expect(await repo.countOpen(t.db.reader, 'D1')).toBe(1);
    await write((m) => repo.update(m, first.id, { status: 'in-progress', comment: 'vu', updatedAt: at(8) }));
    expect(await repo.find(t.db.reader, 'default', first.id)).toMatchObject({
      status: 'in-progress',
      comment: 'vu',
    });
    expect(await repo.countOpen(t.db.reader, 'D1')).toBe(1);
    expect((await repo.list(t.db.reader, 'default', undefined, 10)).map((r) => r.id)).toEqual([
      third.id,
      second.id,
      first.id,
    ]);
    expect((await repo.list(t.db.reader, 'default', 'resolved', 10)).map((r) => r.id)).toEqual([second.id]);
    expect((await repo.list(t.db.reader, 'default', undefined, 1)).length).toBe(1);
    expect((await repo.ofPrescriptions(t.db.reader, 'default', ['P2'])).map((r) => r.id)).toEqual([third.id]);
    expect((await repo.changedIn(t.db.reader, 'default', at(6), at(9))).sort()).toEqual(['P1']);
    expect((await repo.changedIn(t.db.reader, 'south', at(6), at(9))).sort()).toEqual(['P1']);
    await expect(write((m) => repo.insert(m, { ...first, id: 'x' }))).rejects.toThrow(/UNIQUE|duplicate key/);
  });
});
