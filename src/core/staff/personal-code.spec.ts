import { hashPersonalCode, PERSONAL_CODE, verifyPersonalCode } from './personal-code';

describe('personal codes', () => {
  it('are stored as salted scrypt, never as the code', async () => {
    const a = await hashPersonalCode('000000');
    const b = await hashPersonalCode('000000');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toContain('000000');
    expect(a).not.toBe(b);
  });

  it('verify the right code only', async () => {
    const stored = await hashPersonalCode('482913');
    expect(await verifyPersonalCode('482913', stored)).toBe(true);
    expect(await verifyPersonalCode('482914', stored)).toBe(false);
    expect(await verifyPersonalCode('482913', 'plain$482913')).toBe(false);
  });

  it.each([
    ['000000', true],
    ['12345678901234567890', true],
    ['12345', false],
    ['12a456', false],
    ['', false],
  ])('%s is a valid code: %s', (code, valid) => {
    expect(PERSONAL_CODE.test(code)).toBe(valid);
  });
});
