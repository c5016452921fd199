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
    expect(await repo.find(t.db.reader, 'P1')).toMatchObject({
      retrievedAt: at(9),
      prescriberRpps: '2',
      data: { prescriptionId: 'P1' },
    });
    expect(await repo.find(t.db.reader, 'P9')).toBeNull();
    expect(
      (await repo.findMany(t.db.reader, ['P1', 'P4', 'P9'])).map((p) => p.prescriptionId).sort(),
    ).toEqual(['P1', 'P4']);
    expect(await repo.findMany(t.db.reader, [])).toEqual([]);
    expect((await repo.othersOfPatient(t.db.reader, 'k1', 'P1')).map((p) => p.prescriptionId)).toEqual([
      'P2',
      'P3',
    ]);
    expect((await repo.othersOfPatient(t.db.reader, 'k1', 'P1', 1)).map((p) => p.prescriptionId)).toEqual([
      'P2',
    ]);
    expect((await repo.retrievedIn(t.db.reader, at(2), at(4))).map((p) => p.prescriptionId).sort()).toEqual([
      'P2',
      'P3',
    ]);
  });

  it('ScanRepository writes the trail', async () => {
    const repo = new ScanRepository();
    const row = {
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
    await write(async (m) => {
      await repo.insert(m, a);
      await repo.insert(m, b);
    });
    expect(await repo.find(t.db.reader, b.id)).toEqual(b);
    expect((await repo.ofDispensation(t.db.reader, 'D1'))?.id).toBe(a.id);
    expect(await repo.ofDispensation(t.db.reader, 'D9')).toBeNull();
    expect((await repo.ofDispensations(t.db.reader, ['D1', 'D2'])).length).toBe(2);
    expect(await repo.ofDispensations(t.db.reader, [])).toEqual([]);
    expect((await repo.byFse(t.db.reader, 'F1')).map((i) => i.id)).toEqual([b.id, a.id]);
    expect((await repo.ofPrescriptions(t.db.reader, ['P2'])).map((i) => i.prescriptionId)).toEqual(['P2']);
    expect(await repo.recordedIn(t.db.reader, at(0), at(2))).toEqual(['P1']);
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
    await write(async (m) => {
      for (const r of [first, second, third]) await repo.insert(m, r);
    });
    expect(await repo.find(t.db.reader, first.id)).toEqual(first);
    expect(
      (await repo.findSame(t.db.reader, { fseNumber: 'F1', rejectionCode: 'R1', receivedAt: at(1) }))?.id,
    ).toBe(first.id);
    expect(
      await repo.findSame(t.db.reader, { fseNumber: 'F1', rejectionCode: 'R1', receivedAt: at(9) }),
    ).toBeNull();
    expect(await repo.countOpen(t.db.reader, 'D1')).toBe(1);
    await write((m) => repo.update(m, first.id, { status: 'in-progress', comment: 'vu', updatedAt: at(8) }));
    expect(await repo.find(t.db.reader, first.id)).toMatchObject({ status: 'in-progress', comment: 'vu' });
    expect(await repo.countOpen(t.db.reader, 'D1')).toBe(1);
    expect((await repo.list(t.db.reader, undefined, 10)).map((r) => r.id)).toEqual([
      third.id,
      second.id,
      first.id,
    ]);
    expect((await repo.list(t.db.reader, 'resolved', 10)).map((r) => r.id)).toEqual([second.id]);
    expect((await repo.list(t.db.reader, undefined, 1)).length).toBe(1);
    expect((await repo.ofPrescriptions(t.db.reader, ['P2'])).map((r) => r.id)).toEqual([third.id]);
    expect((await repo.changedIn(t.db.reader, at(6), at(9))).sort()).toEqual(['P1']);
    await expect(write((m) => repo.insert(m, { ...first, id: 'x' }))).rejects.toThrow(/UNIQUE|duplicate key/);
  });
});
