import { CoreException } from '../errors/core.exception';
import { assertAuditDataClean, findForbiddenAuditKey } from './audit-data.guard';

describe('audit data guard', () => {
  it.each([
    [{ lastName: 'ESSAI' }, 'lastName'],
    [{ patient: { id: 1 } }, 'patient'],
    [{ line: { Birth_Date: '1966-02-23' } }, 'line.Birth_Date'],
    [{ ids: [{ ok: 1 }, { NIR: '1660275123456' }] }, 'ids[1].NIR'],
    [{ 'first-name': 'x' }, 'first-name'],
    [{ ins: { matricule: 'x' } }, 'ins'],
  ])('finds the forbidden key in %j', (data, path) => {
    expect(findForbiddenAuditKey(data)).toBe(path);
    expect(() => assertAuditDataClean(data)).toThrow(CoreException);
  });

  it.each([
    [{}],
    [{ lineId: '1', cip13: '3400930000001', patientRefusedGeneric: true, label: 'X' }],
    [{ a: [1, 'b', null] }],
  ])('accepts %j', (data) => {
    expect(findForbiddenAuditKey(data)).toBeUndefined();
    expect(() => assertAuditDataClean(data)).not.toThrow();
  });

  it('refuses data nested too deep to check cheaply', () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 12; i++) deep = { x: deep };
    expect(findForbiddenAuditKey(deep)).toMatch(/nested deeper/);
  });
});
