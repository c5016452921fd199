import { ActRepository } from '../../../src/dispensation/act.repository';
import { DispensationActEntity } from '../../../src/dispensation/dispensation-act.entity';
import { DispensationPackEntity } from '../../../src/dispensation/dispensation-pack.entity';
import { DispensationEntity } from '../../../src/dispensation/dispensation.entity';
import { DispensationRepository } from '../../../src/dispensation/dispensation.repository';
import { FavouriteRepository } from '../../../src/dispensation/favourites/favourite.repository';
import { InterventionFavouriteEntity } from '../../../src/dispensation/favourites/intervention-favourite.entity';
import { PackRepository } from '../../../src/dispensation/pack.repository';
import { actRow, at, dispensationRow, packRow, T0 } from '../../factories/rows';
import { openTestDatabase, TestDatabase, testEngine } from '../../support/database';

describe(`dispensation stage repositories on ${testEngine()}`, () => {
  let t: TestDatabase;
  const dispensations = new DispensationRepository();
  const packs = new PackRepository();
  const acts = new ActRepository();
  const favourites = new FavouriteRepository();
  const write = <T>(work: Parameters<typeof t.db.transaction<T>>[0]) => t.db.transaction(work);

  beforeEach(async () => {
    t = await openTestDatabase([
      DispensationEntity,
      DispensationPackEntity,
      DispensationActEntity,
      InterventionFavouriteEntity,
    ]);
  });

  afterEach(() => t.close());

  describe('DispensationRepository', () => {
    it('inserts, finds, updates and lists', async () => {
      const d = dispensationRow({
        operator: { rpps: '10001234567', lastName: 'A', firstName: 'B', role: 'pharmacien' },
      });
      const other = dispensationRow({ prescriptionId: 'P2', terminalId: 'counter-2', updatedAt: at(5) });
      await write(async (m) => {
        await dispensations.insert(m, d);
        await dispensations.insert(m, other);
      });
      expect(await dispensations.find(t.db.reader, d.id)).toEqual(d);
      expect(await dispensations.find(t.db.reader, 'nope')).toBeNull();
      expect((await dispensations.findMany(t.db.reader, [d.id, other.id])).length).toBe(2);
      expect(await dispensations.findMany(t.db.reader, [])).toEqual([]);
      await write((m) =>
        dispensations.update(m, d.id, { terminalId: 'counter-3', issues: [], updatedAt: at(9) }),
      );
      expect(await dispensations.find(t.db.reader, d.id)).toMatchObject({
        terminalId: 'counter-3',
        updatedAt: at(9),
      });
      expect((await dispensations.list(t.db.reader, 'default', {})).map((r) => r.id)).toEqual([
        d.id,
        other.id,
      ]);
      expect(
        (await dispensations.list(t.db.reader, 'default', { terminalId: 'counter-2' })).map((r) => r.id),
      ).toEqual([other.id]);
      expect(await dispensations.list(t.db.reader, 'default', { status: 'validated' })).toEqual([]);
      expect((await dispensations.list(t.db.reader, 'default', {}, 1)).length).toBe(1);
      expect(await dispensations.ownerOf(t.db.reader, other.id)).toEqual({
        pharmacyId: 'default',
        terminalId: 'counter-2',
      });
      expect(await dispensations.ownerOf(t.db.reader, 'nope')).toBeUndefined();
      // Another pharmacy's dispensation: in none of this pharmacy's lists, and its owner says whose it is.
      const south = dispensationRow({ pharmacyId: 'south', terminalId: 'south-1', updatedAt: at(20) });
      await write((m) => dispensations.insert(m, south));
      expect((await dispensations.list(t.db.reader, 'default', {})).map((r) => r.id)).toEqual([
        d.id,
        other.id,
      ]);
      expect((await dispensations.list(t.db.reader, 'south', {})).map((r) => r.id)).toEqual([south.id]);
      expect((await dispensations.ownerOf(t.db.reader, south.id))?.pharmacyId).toBe('south');
    });

    it("finds a prescription's open one and a terminal's latest open one", async () => {
      const older = dispensationRow({ prescriptionId: 'P1', updatedAt: at(1) });
      const newer = dispensationRow({ prescriptionId: 'P2', updatedAt: at(2) });
      const closed = dispensationRow({ prescriptionId: 'P3', status: 'validated', updatedAt: at(3) });
      // The same national prescription open in another pharmacy: each has its own open dispensation.
      const south = dispensationRow({ pharmacyId: 'south', prescriptionId: 'P1', terminalId: 'south-1' });
      await write(async (m) => {
        for (const d of [older, newer, closed, south]) await dispensations.insert(m, d);
      });
      expect((await dispensations.openOf(t.db.reader, 'default', 'P1'))?.id).toBe(older.id);
      expect((await dispensations.openOf(t.db.reader, 'south', 'P1'))?.id).toBe(south.id);
      expect(await dispensations.openOf(t.db.reader, 'default', 'P3')).toBeNull();
      expect((await dispensations.openOnTerminal(t.db.reader, 'counter-1'))?.id).toBe(newer.id);
      expect((await dispensations.openOnTerminal(t.db.reader, 'counter-1', older.id))?.id).toBe(older.id);
      expect(await dispensations.openOnTerminal(t.db.reader, 'counter-1', closed.id)).toBeNull();
      expect(
        (await dispensations.ofPrescriptions(t.db.reader, 'default', ['P1', 'P3'])).map((d) => d.id).sort(),
      ).toEqual([older.id, closed.id].sort());
    });

    it('moves a status only from the one expected', async () => {
      const d = dispensationRow();
      await write((m) => dispensations.insert(m, d));
      expect(await write((m) => dispensations.move(m, d.id, 'validated', 'acknowledged', at(1)))).toBe(false);
      expect(
        await write((m) => dispensations.move(m, d.id, 'open', 'validated', at(2), { renewalNumber: 2 })),
      ).toBe(true);
      expect(await dispensations.find(t.db.reader, d.id)).toMatchObject({
        status: 'validated',
        renewalNumber: 2,
        updatedAt: at(2),
      });
      expect(await dispensations.changedIn(t.db.reader, 'default', at(0), at(2))).toEqual([]);
      expect(await dispensations.changedIn(t.db.reader, 'default', at(2), at(3))).toEqual(['P1']);
      expect(await dispensations.changedIn(t.db.reader, 'south', at(2), at(3))).toEqual([]);
    });
  });

  describe('PackRepository', () => {
    it('keeps rows in their order, numbers, finds, assigns and deletes', async () => {
      const a = packRow({ dispensationId: 'D1', seq: 2 });
      const b = packRow({ dispensationId: 'D1', seq: 1, kind: 'manual', lineId: 'L1' });
      await write(async (m) => {
        await packs.insert(m, a);
        await packs.insert(m, b);
      });
      expect((await packs.rowsOf(t.db.reader, 'D1')).map((r) => r.packId)).toEqual([b.packId, a.packId]);
      expect(await packs.count(t.db.reader, 'D1')).toBe(2);
      expect(await packs.lastSeq(t.db.reader, 'D1')).toBe(2);
      expect(await packs.lastSeq(t.db.reader, 'D2')).toBe(0);
      expect(await packs.find(t.db.reader, 'D1', a.packId, 'pack')).toEqual(a);
      expect(await packs.find(t.db.reader, 'D1', a.packId, 'manual')).toBeNull();
      await write((m) => packs.update(m, a.packId, { lineId: 'L2', assignedBy: 'explicit' }));
      await write((m) => packs.update(m, a.packId, { unitPriceCents: 215, reimbursementRate: 65 }));
      expect(await packs.find(t.db.reader, 'D1', a.packId, 'pack')).toMatchObject({
        lineId: 'L2',
        assignedBy: 'explicit',
        unitPriceCents: 215,
        reimbursementRate: 65,
      });
      await write((m) => packs.delete(m, b.packId));
      expect(await packs.count(t.db.reader, 'D1')).toBe(1);
    });

    it('finds serials scanned on other dispensations that are not cancelled or abandoned', async () => {
      const here = dispensationRow();
      const other = dispensationRow({ prescriptionId: 'P2' });
      const cancelled = dispensationRow({ prescriptionId: 'P3', status: 'cancelled' });
      const abandoned = dispensationRow({ prescriptionId: 'P4', status: 'abandoned' });
      await write(async (m) => {
        for (const d of [here, other, cancelled, abandoned]) await dispensations.insert(m, d);
        await packs.insert(m, packRow({ dispensationId: here.id, serial: 'S1' }));
        await packs.insert(m, packRow({ dispensationId: other.id, serial: 'S1' }));
        await packs.insert(m, packRow({ dispensationId: cancelled.id, serial: 'S2' }));
        await packs.insert(m, packRow({ dispensationId: abandoned.id, serial: 'S3' }));
        // A box another pharmacy scanned is not this pharmacy's duplicate (nor its business).
        const south = dispensationRow({ pharmacyId: 'south', prescriptionId: 'P9' });
        await dispensations.insert(m, south);
        await packs.insert(m, packRow({ pharmacyId: 'south', dispensationId: south.id, serial: 'S3' }));
      });
      expect(await packs.serialsElsewhere(t.db.reader, 'default', here.id, ['S1', 'S2', 'S3'])).toEqual([
        { serial: 'S1', cip13: '3400941533969', code: null },
      ]);
      expect(await packs.serialsElsewhere(t.db.reader, 'default', here.id, [])).toEqual([]);
    });
  });

  describe('ActRepository', () => {
    it('keeps acts in order, per line, and cancels one once', async () => {
      const first = actRow({ at: at(1) });
      const second = actRow({ at: at(2), lineId: 'L2', type: 'non-delivery', body: { reason: 'x' } });
      await write(async (m) => {
        await acts.append(m, second);
        await acts.append(m, first);
      });
      expect((await acts.actsOf(t.db.reader, 'D1')).map((a) => a.id)).toEqual([first.id, second.id]);
      expect((await acts.onLine(t.db.reader, 'D1', 'L2')).map((a) => a.id)).toEqual([second.id]);
      await write((m) => acts.cancel(m, first.id, at(3)));
      await write((m) => acts.cancel(m, first.id, at(4)));
      expect((await acts.actsOf(t.db.reader, 'D1'))[0]).toMatchObject({
        cancelledAt: at(3),
        body: first.body,
        by: first.by,
      });
    });

    it("finds renewals on the prescription's other dispensations past open", async () => {
      const mine = dispensationRow({ status: 'open' });
      const validated = dispensationRow({ status: 'validated' });
      const cancelled = dispensationRow({ status: 'cancelled' });
      const elsewhere = dispensationRow({ status: 'validated', prescriptionId: 'P2' });
      const otherPharmacy = dispensationRow({ status: 'validated', pharmacyId: 'south' });
      await write(async (m) => {
        for (const d of [mine, validated, cancelled, elsewhere, otherPharmacy])
          await dispensations.insert(m, d);
        for (const d of [mine, validated, cancelled, elsewhere, otherPharmacy]) {
          await acts.append(
            m,
            actRow({ dispensationId: d.id, type: 'renewal', body: { kind: 'exceptional-dispensation' } }),
          );
        }
        await acts.append(m, actRow({ dispensationId: validated.id, type: 'renewal', lineId: 'L9' }));
        await acts.append(m, actRow({ dispensationId: validated.id, type: 'intervention' }));
        await acts.append(m, actRow({ dispensationId: validated.id, type: 'renewal', cancelledAt: T0 }));
      });
      const found = await acts.renewalsElsewhere(t.db.reader, 'default', 'P1', mine.id, 'L1');
      expect(found.map((a) => a.dispensationId)).toEqual([validated.id]);
    });
  });

  describe('FavouriteRepository', () => {
    it('lists by label, inserts and deletes', async () => {
      const row = (label: string, pharmacyId = 'default') => ({
        pharmacyId,
        id: `f-${label}`,
        label,
        problemCode: '6.1',
        interventionCode: '3',
        outcome: null,
        comment: null,
        createdAt: T0,
      });
      await write(async (m) => {
        await favourites.insert(m, row('b'));
        await favourites.insert(m, row('a'));
        await favourites.insert(m, row('c', 'south'));
      });
      expect((await favourites.list(t.db.reader, 'default')).map((f) => f.label)).toEqual(['a', 'b']);
      expect((await favourites.list(t.db.reader, 'south')).map((f) => f.label)).toEqual(['c']);
      // Another pharmacy's favourite is not this pharmacy's to delete.
      expect(await write((m) => favourites.delete(m, 'default', 'f-c'))).toBe(false);
      expect(await write((m) => favourites.delete(m, 'default', 'f-a'))).toBe(true);
      expect(await write((m) => favourites.delete(m, 'default', 'f-a'))).toBe(false);
      expect((await favourites.list(t.db.reader, 'default')).map((f) => f.label)).toEqual(['b']);
    });
  });
});
