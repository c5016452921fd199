import { dirname, join, normalize, relative, sep } from 'node:path';

/** Stages in flow order (ARCHITECTURE.md). A stage imports core, medicines and earlier stages only. */
export const STAGES = [
  'scan',
  'prescription',
  'patient',
  'dispensation',
  'execution',
  'invoicing',
  'back-office',
  'counter',
];

/** Concrete drivers: only a driver adapter (`*.adapter.ts`, `adapters/`) or a `*.module.ts` may import them. */
export const CONCRETE_DRIVERS = [
  'devices/scanner/serial-scanner',
  'devices/scanner/hid/hid-scanner',
  'devices/vitale/pcsc-bridge',
  'src/prescription/teleservice/soap-teleservice.client',
];

/**
 * The e-prescription base emulator stands for the peer: it may share the teleservice contract (WSDL, wire
 * mapping, assertion checks), the pure parsers and `core`, never a stage's services, entities or modules.
 * Only the process entry (`src/main.ts`) may start it in-process.
 */
export const SANDBOX = 'teleservice-sandbox';
export const SANDBOX_MAY_IMPORT = [
  'src/core/',
  'src/prescription/teleservice/',
  'src/prescription/identity-traits',
  'src/scan/parsers/',
  'test/fixtures/teleservice/',
];
const SANDBOX_MAY_BE_IMPORTED_BY = ['src/main.ts'];

export interface Violation {
  file: string;
  target: string;
  rule: string;
}

function area(path: string): string | undefined {
  const parts = path.split('/');
  if (parts[0] === 'src') return parts[1];
  if (parts[0] === 'devices') return 'devices';
  return undefined;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(IMPORT)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** Checks one file (path relative to the repo root, with `/`) against the house rules. */
export function checkFile(file: string, source: string): Violation[] {
  const violations: Violation[] = [];
  const from = area(file);
  const isTest = /\.(spec|e2e-spec|medium-spec|hw-spec)\.ts$/.test(file);
  for (const spec of importsOf(source)) {
    if (!spec.startsWith('.')) {
      if (from === 'devices' && spec.startsWith('@nestjs/')) {
        violations.push({ file, target: spec, rule: 'devices/ is framework-free' });
      }
      continue;
    }
    const target = normalize(join(dirname(file), spec))
      .split(sep)
      .join('/');
    const to = area(target);
    if (from === 'devices' && target.startsWith('src/')) {
      violations.push({ file, target, rule: 'devices/ does not import the service' });
    }
    if (
      from &&
      STAGES.includes(from) &&
      to &&
      STAGES.includes(to) &&
      STAGES.indexOf(to) > STAGES.indexOf(from)
    ) {
      violations.push({ file, target, rule: `${from} must not import the later stage ${to}` });
    }
    if (from === 'core' && to && (STAGES.includes(to) || to === 'medicines')) {
      violations.push({ file, target, rule: 'core imports no stage' });
    }
    if (from === 'medicines' && to && STAGES.includes(to)) {
      violations.push({ file, target, rule: 'medicines imports no stage' });
    }
    if (from === SANDBOX && to !== SANDBOX && !SANDBOX_MAY_IMPORT.some((p) => target.startsWith(p))) {
      violations.push({
        file,
        target,
        rule: 'the teleservice sandbox imports only core, the contract and parsers',
      });
    }
    if (to === SANDBOX && from !== SANDBOX && !isTest && !SANDBOX_MAY_BE_IMPORTED_BY.includes(file)) {
      violations.push({ file, target, rule: 'only src/main.ts starts the teleservice sandbox' });
    }
    // The package entry (src/index.ts) is wiring too: it names the ports' types for a host application.
    const isWiring = /\.module\.ts$|\.adapter\.ts$|\/adapters\//.test(file) || file === 'src/index.ts';
    if (file.startsWith('src/') && !isTest && !isWiring && /\.adapter$|\/adapters\//.test(target)) {
      violations.push({ file, target, rule: 'a service reaches an adapter only through its port' });
    }
    const clientWire =
      target.startsWith('src/prescription/teleservice/soap') ||
      target === 'src/prescription/teleservice/soap-teleservice.client';
    // The other direction (the client importing the sandbox) is the rule above: only main.ts imports it.
    if (!isTest && from === 'teleservice-sandbox' && clientWire) {
      violations.push({ file, target, rule: 'the teleservice client and the sandbox share no wire code' });
    }
    const driver = CONCRETE_DRIVERS.find((d) => target === d);
    const mayUseDriver =
      isTest ||
      /\.module\.ts$|\.adapter\.ts$|\/adapters\//.test(file) ||
      relative(dirname(driver ?? ''), dirname(file)) === '';
    if (driver && file.startsWith('src/') && !mayUseDriver) {
      violations.push({ file, target, rule: 'only a driver adapter or module imports a concrete driver' });
    }
  }
  return violations;
}

/** Driver paths the rule names that no longer exist: a renamed driver would otherwise slip out of the rule. */
export function missingDrivers(exists: (pathWithoutExtension: string) => boolean): Violation[] {
  return CONCRETE_DRIVERS.filter((d) => !exists(d)).map((d) => ({
    file: 'scripts/lib/dependency-rules.ts',
    target: d,
    rule: 'CONCRETE_DRIVERS names a file that no longer exists: update the list',
  }));
}
