import type { AppConfig } from '../config/config.schema';
import { ConfigError, loadConfig } from '../config/load-config';
import { checkNativeDevices, NativeLoaders } from './native-devices';

const missing = () => {
  throw new Error("Cannot find module '@pokusew/pcsclite'");
};
const present = () => ({});

function config(env: string): AppConfig {
  return loadConfig({
    env: { COMPTOIR_ENV: env },
    overrides: {
      // Production refuses anything of the sandbox (a test-pki signer, simulated devices): set what it needs.
      ...(env === 'production' ? { teleservice: { signer: 'external' } } : {}),
      terminals: [
        {
          id: 'counter-1',
          vitale: { driver: 'pcsc', reader: 'ACS ACR39U' },
          scanners: [{ id: 'counter-1-scanner', driver: 'hid', profile: 'honeywell-xenon-hid-pos' }],
        },
        { id: 'counter-2', vitale: { driver: env === 'production' ? 'none' : 'sim' } },
      ],
    },
  });
}

describe('checkNativeDevices', () => {
  const noAddon: NativeLoaders = { pcsc: missing, hid: missing };

  it('leaves the configuration alone when the addons load', () => {
    const c = config('production');
    expect(checkNativeDevices(c, { pcsc: present, hid: present })).toEqual([]);
    expect(c.terminals[0].vitale.driver).toBe('pcsc');
    expect(c.terminals[0].scanners[0].driver).toBe('hid');
  });

  it('refuses to start in production, naming the Debian packages and npm install', () => {
    const c = config('production');
    expect(() => checkNativeDevices(c, noAddon)).toThrow(ConfigError);
    expect(() => checkNativeDevices(c, noAddon)).toThrow(
      /terminal counter-1: the Carte Vitale reader \(vitale.driver: pcsc\) needs @pokusew\/pcsclite.*apt-get install -y libpcsclite-dev pcscd\), then run npm install in .*npm rebuild cannot/,
    );
  });

  it('refuses a HID scanner whose node-hid is missing in production', () => {
    expect(() => checkNativeDevices(config('production'), { pcsc: present, hid: missing })).toThrow(
      /scanner counter-1-scanner \(driver: hid\) needs node-hid.*libusb-1\.0-0/,
    );
  });

  it.each(['sandbox', 'development', 'test'])(
    'falls back to the simulators in %s mode, and says so',
    (env) => {
      const c = config(env);
      const warnings = checkNativeDevices(c, noAddon);
      expect(c.terminals[0].vitale).toEqual({ driver: 'sim', reader: 'ACS ACR39U' });
      expect(c.terminals[0].scanners[0].driver).toBe('sim');
      expect(c.terminals[1].vitale.driver).toBe('sim');
      expect(warnings).toEqual([
        expect.stringMatching(
          /pcsclite.*using the simulated device instead \(install Debian libpcsclite-dev/,
        ),
        expect.stringMatching(/node-hid.*using the simulated device instead/),
      ]);
    },
  );

  it('loads each addon once', () => {
    const pcsc = jest.fn(missing);
    const c = config('sandbox');
    c.terminals[1].vitale = { driver: 'pcsc' };
    checkNativeDevices(c, { pcsc, hid: present });
    expect(pcsc).toHaveBeenCalledTimes(1);
    expect(c.terminals.map((t) => t.vitale.driver)).toEqual(['sim', 'sim']);
  });
});
