import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseTokens } from './load-config';

const configDir = join(__dirname, '../../../config');

describe('loadConfig', () => {
  it('loads the sandbox configuration with its documented tokens', () => {
    const config = loadConfig({ configDir, env: { COMPTOIR_ENV: 'sandbox' } });
    expect(config.sandbox.embedded).toBe(true);
    expect(config.auth.tokens).toContainEqual({
      terminal: 'counter-1',
      role: 'counter',
      token: 'sandbox-counter-1',
    });
    expect(config.server.port).toBe(3000);
  });

  it('applies environment overrides from API.md', () => {
    const config = loadConfig({
      configDir,
      env: {
        COMPTOIR_ENV: 'sandbox',
        COMPTOIR_PORT: '4000',
        COMPTOIR_SANDBOX_PORT: '9000',
        COMPTOIR_DATA_DIR: '/tmp/x',
        COMPTOIR_TELESERVICE_URL: 'http://127.0.0.1:7000/eprescription',
        COMPTOIR_API_TOKENS: 'counter-9:counter:abcdefgh12,bo:back-office:zyxwvuts98',
      },
    });
    expect(config.server.port).toBe(4000);
    expect(config.sandbox.port).toBe(9000);
    expect(config.dataDir).toBe('/tmp/x');
    expect(config.teleservice.url).toBe('http://127.0.0.1:7000/eprescription');
    expect(config.sandbox.embedded).toBe(false);
    expect(config.auth.tokens).toEqual([
      { terminal: 'counter-9', role: 'counter', token: 'abcdefgh12' },
      { terminal: 'bo', role: 'back-office', token: 'zyxwvuts98' },
    ]);
  });

  it('merges the COMPTOIR_CONFIG file last before the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'extra.yaml'), 'server:\n  port: 3100\nlog:\n  level: debug\n');
    const config = loadConfig({
      configDir,
      env: { COMPTOIR_ENV: 'sandbox', COMPTOIR_CONFIG: join(dir, 'extra.yaml') },
    });
    expect([config.server.port, config.log.level]).toEqual([3100, 'debug']);
  });

  it.each([
    ['an unknown key', 'servr:\n  port: 1\n', /unknown key servr/],
    ['an unknown nested key', 'server:\n  prot: 1\n', /unknown key server\.prot/],
    ['a wrong type', 'server:\n  port: "abc"\n', /server\.port/],
    ['an out-of-range port', 'server:\n  port: 70000\n', /server\.port/],
    ['a bad FINESS', "pharmacy:\n  finess: '12'\n", /pharmacy\.finess/],
    [
      'a bad scanner driver',
      'terminals:\n  - id: t1\n    scanners:\n      - { id: s, driver: usb }\n',
      /terminals\.0\.scanners\.0\.driver/,
    ],
    [
      'a PKCS#11 PIN in the YAML (environment or secret file only)',
      'teleservice:\n  signer: pkcs11\n  pkcs11: { module: /usr/lib/x.so, tokenLabel: CPS, keyLabel: k, pin: "1234" }\n',
      /teleservice\.pkcs11.*pin/,
    ],
  ])('refuses %s, naming the key', (_, yaml, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'bad.yaml'), yaml);
    expect(() =>
      loadConfig({ configDir, env: { COMPTOIR_ENV: 'sandbox', COMPTOIR_CONFIG: join(dir, 'bad.yaml') } }),
    ).toThrow(message);
  });

  it('refuses a non-numeric COMPTOIR_PORT', () => {
    expect(() => loadConfig({ configDir, env: { COMPTOIR_PORT: 'http' } })).toThrow(ConfigError);
  });

  it('reads COMPTOIR_LOG_PRETTY as a switch, JSON lines by default', () => {
    expect(loadConfig({ configDir, env: {} }).log.pretty).toBe(false);
    expect(loadConfig({ configDir, env: { COMPTOIR_LOG_PRETTY: '1' } }).log.pretty).toBe(true);
    expect(() => loadConfig({ configDir, env: { COMPTOIR_LOG_PRETTY: 'yes' } })).toThrow(
      /COMPTOIR_LOG_PRETTY must be 1 or 0/,
    );
  });

  it('refuses a malformed token list', () => {
    expect(() => parseTokens('counter-1:counter')).toThrow(/terminal:role:token/);
  });

  it('reads [pharmacy/]terminal:role:token, the lgo role and *, by commas or lines', () => {
    expect(parseTokens('north/counter-1:counter:abcdefgh12\n*:lgo:zyxwvuts98')).toEqual([
      { pharmacy: 'north', terminal: 'counter-1', role: 'counter', token: 'abcdefgh12' },
      { terminal: '*', role: 'lgo', token: 'zyxwvuts98' },
    ]);
  });

  it.each([
    ['an lgo token naming one terminal', 'counter-1:lgo:abcdefgh12', /lgo token names every terminal/],
    ['a counter token naming every terminal', '*:counter:abcdefgh12', /lgo token names every terminal/],
    ['another pharmacy', 'south/counter-1:counter:abcdefgh12', /no pharmacy south/],
  ])('refuses %s', (_, tokens, message) => {
    expect(() =>
      loadConfig({ configDir, env: { COMPTOIR_ENV: 'sandbox', COMPTOIR_API_TOKENS: tokens } }),
    ).toThrow(message);
  });

  it('makes the single pharmacy block a one-element pharmacies list, with the top-level terminals and staff', () => {
    const config = loadConfig({ configDir, env: { COMPTOIR_ENV: 'sandbox' } });
    expect(config.pharmacies.map((p) => [p.id, p.finess, p.am, p.terminals.length, p.staff.length])).toEqual([
      ['default', '990000011', '991234567', 2, 1],
    ]);
    expect(config.terminals.map((t) => [t.id, t.pharmacyId])).toEqual([
      ['counter-1', 'default'],
      ['backoffice', 'default'],
    ]);
  });

  describe('pharmacies:', () => {
    const two = (tokens: string, more: Record<string, unknown> = {}) =>
      loadConfig({
        configDir,
        env: { COMPTOIR_ENV: 'test', COMPTOIR_API_TOKENS: tokens },
        overrides: {
          pharmacy: undefined,
          terminals: [],
          staff: [],
          pharmacies: [
            {
              id: 'north',
              finess: '990000011',
              am: '991234567',
              terminals: [{ id: 'north-1' }, { id: 'north-bo' }],
              staff: [{ rpps: '10001234567', lastName: 'A', firstName: 'B', role: 'pharmacien' }],
            },
            {
              id: 'south',
              finess: '990000029',
              timeZone: 'America/Martinique',
              terminals: [{ id: 'south-1' }],
            },
          ],
          ...more,
        },
      });

    it('serves each pharmacy with its own terminals, staff and time zone; tokens name their pharmacy', () => {
      const config = two('north/north-1:counter:abcdefgh12,south/*:lgo:zyxwvuts98');
      expect(config.pharmacies.map((p) => [p.id, p.timeZone ?? null, p.staff.length])).toEqual([
        ['north', null, 1],
        ['south', 'America/Martinique', 0],
      ]);
      expect(config.terminals.map((t) => `${t.pharmacyId}/${t.id}`)).toEqual([
        'north/north-1',
        'north/north-bo',
        'south/south-1',
      ]);
    });

    it.each([
      [
        'a token without its pharmacy',
        'north-1:counter:abcdefgh12',
        /name the pharmacy \(pharmacy\/north-1:counter:…\): 2 pharmacies/,
      ],
      [
        'a token of an unknown pharmacy',
        'east/*:lgo:abcdefgh12',
        /no pharmacy east \(configured: north, south\)/,
      ],
      [
        "a token naming another pharmacy's terminal",
        'south/north-1:counter:abcdefgh12',
        /terminal north-1 is not one of pharmacy south's terminals/,
      ],
      [
        'a token naming a terminal no pharmacy has',
        'north/north-9:counter:abcdefgh12',
        /terminal north-9 is not one of pharmacy north's terminals/,
      ],
    ])('refuses %s', (_, tokens, message) => {
      expect(() => two(tokens)).toThrow(message);
    });

    it('refuses a terminal listed by two pharmacies, a pharmacy listed twice, and pharmacy with pharmacies', () => {
      const clash = [
        { id: 'north', finess: '990000011', terminals: [{ id: 'counter-1' }] },
        { id: 'north', finess: '990000029', terminals: [{ id: 'counter-1' }] },
      ];
      expect(() => two('north/*:lgo:abcdefgh12', { pharmacies: clash })).toThrow(
        /pharmacy north is listed twice.*terminal counter-1 is already pharmacy north's/,
      );
      expect(() => two('north/*:lgo:abcdefgh12', { pharmacy: { finess: '990000011' } })).toThrow(
        /pharmacy: give pharmacy or pharmacies, not both/,
      );
      expect(() => two('north/*:lgo:abcdefgh12', { terminals: [{ id: 'x' }] })).toThrow(
        /terminals: with pharmacies, terminals and staff are listed under each pharmacy/,
      );
    });
  });

  it("refuses a terminal's default operator who is not in staff", () => {
    expect(() =>
      loadConfig({ configDir, env: { COMPTOIR_ENV: 'sandbox' }, overrides: { staff: [] } }),
    ).toThrow(/terminals\.0\.operator: 10001234567 is not in staff/);
  });

  it('refuses the sandbox configuration in production, naming each reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'prod.yaml'), readFileSync(join(configDir, 'sandbox.yaml')));
    let message = '';
    try {
      loadConfig({ configDir, env: { COMPTOIR_ENV: 'production', COMPTOIR_CONFIG: join(dir, 'prod.yaml') } });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message.split('\n').filter((l) => l.startsWith('  - ')).length).toBe(9);
  });
});
