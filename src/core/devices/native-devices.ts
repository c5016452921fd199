import { loadNodeHid } from '../../../devices/scanner/hid/node-hid';
import { loadPcscLite } from '../../../devices/vitale/pcsc-module';
import type { AppConfig } from '../config/config.schema';
import { ConfigError } from '../config/load-config';
import { projectRoot } from '../config/project-root';

/** A compiled addon a real device needs; an optionalDependency, so `npm install` succeeds without it. */
interface NativeAddon {
  module: string;
  /** Debian packages that let it build and run. */
  debian: string[];
  load: () => unknown;
}

export interface NativeLoaders {
  pcsc: () => unknown;
  hid: () => unknown;
}

const DEFAULT_LOADERS: NativeLoaders = { pcsc: loadPcscLite, hid: loadNodeHid };

function addons(loaders: NativeLoaders): { pcsc: NativeAddon; hid: NativeAddon } {
  return {
    // Built at install time against winscard.h; talks to pcscd at run time.
    pcsc: { module: '@pokusew/pcsclite', debian: ['libpcsclite-dev', 'pcscd'], load: loaders.pcsc },
    // Ships its binary; needs libusb at load time.
    hid: { module: 'node-hid', debian: ['libusb-1.0-0'], load: loaders.hid },
  };
}

function loads(addon: NativeAddon): boolean {
  try {
    addon.load();
    return true;
  } catch {
    return false;
  }
}

/** What to run so that the addon loads (npm rebuild cannot bring back an optional package whose build failed). */
function remedy(addon: NativeAddon): string {
  return (
    `install Debian ${addon.debian.join(' ')} (apt-get install -y ${addon.debian.join(' ')}), then run ` +
    `npm install in ${projectRoot()} (npm rebuild cannot bring back an optional package whose build failed)`
  );
}

/**
 * Checks, before the service starts, that the native addon of every real device the configuration names
 * can be loaded. In production a missing one stops the start (ConfigError: exit code 2) with the Debian
 * packages and the command that bring it back; in any other mode the device falls back to its simulator
 * (the configuration is changed in place) and a warning says so. Returns the warnings.
 */
export function checkNativeDevices(config: AppConfig, loaders: NativeLoaders = DEFAULT_LOADERS): string[] {
  const { pcsc, hid } = addons(loaders);
  const available = new Map<NativeAddon, boolean>();
  const missing = (addon: NativeAddon) => {
    if (!available.has(addon)) available.set(addon, loads(addon));
    return !available.get(addon);
  };
  const warnings: string[] = [];
  const unmet = (what: string, addon: NativeAddon): void => {
    const problem = `${what} needs ${addon.module}, which is not installed or does not load`;
    if (config.env === 'production') throw new ConfigError(`${problem}: ${remedy(addon)}`);
    warnings.push(`${problem}: using the simulated device instead (${remedy(addon)} to use the real one)`);
  };
  for (const terminal of config.terminals) {
    if (terminal.vitale.driver === 'pcsc' && missing(pcsc)) {
      unmet(`terminal ${terminal.id}: the Carte Vitale reader (vitale.driver: pcsc)`, pcsc);
      terminal.vitale = { ...terminal.vitale, driver: 'sim' };
    }
    for (const scanner of terminal.scanners) {
      if (scanner.driver === 'hid' && missing(hid)) {
        unmet(`terminal ${terminal.id}: scanner ${scanner.id} (driver: hid)`, hid);
        scanner.driver = 'sim';
      }
    }
  }
  return warnings;
}
