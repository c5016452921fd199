import { CONCRETE_DRIVERS, checkFile, importsOf, missingDrivers } from './dependency-rules';

describe('dependency rule', () => {
  it.each([
    [
      'src/scan/scan.service.ts',
      "import { X } from '../dispensation/x';",
      'scan must not import the later stage dispensation',
    ],
    ['src/core/x.ts', "import { Y } from '../scan/y';", 'core imports no stage'],
    ['src/core/x.ts', "import { Y } from '../medicines/y';", 'core imports no stage'],
    ['devices/scanner/x.ts', "import { Injectable } from '@nestjs/common';", 'devices/ is framework-free'],
    ['devices/scanner/x.ts', "import { Y } from '../../src/core/y';", 'devices/ does not import the service'],
    [
      'src/scan/scan.service.ts',
      "import { S } from '../../devices/scanner/serial-scanner';",
      'only a driver adapter or module imports a concrete driver',
    ],
    [
      'src/teleservice-sandbox/sandbox.rules.ts',
      "import { D } from '../dispensation/dispensation.service';",
      'the teleservice sandbox imports only core, the contract and parsers',
    ],
    [
      'src/teleservice-sandbox/sandbox.store.ts',
      "import { P } from '../prescription/prescription.service';",
      'the teleservice sandbox imports only core, the contract and parsers',
    ],
    [
      'src/prescription/prescription.service.ts',
      "import { S } from '../teleservice-sandbox/sandbox.server';",
      'only src/main.ts starts the teleservice sandbox',
    ],
    [
      'src/patient/patient.service.ts',
      "import { B } from './card-reader/adapters/bridge-card-readers.adapter';",
      'a service reaches an adapter only through its port',
    ],
    [
      'src/scan/scanner/scanner.manager.ts',
      "import { F } from './adapters/scanner.factory.adapter';",
      'a service reaches an adapter only through its port',
    ],
    [
      'src/teleservice-sandbox/sandbox.soap.ts',
      "import { M } from '../prescription/teleservice/soap/contract-mapping';",
      'the teleservice client and the sandbox share no wire code',
    ],
    [
      'src/prescription/teleservice/soap/contract-mapping.ts',
      "import { E } from '../../../teleservice-sandbox/wire/envelope';",
      'only src/main.ts starts the teleservice sandbox',
    ],
  ])('%s importing %s breaks: %s', (file, source, rule) => {
    expect(checkFile(file, source).map((v) => v.rule)).toEqual([rule]);
  });

  it.each([
    ['src/dispensation/x.ts', "import { S } from '../scan/scan.service';"],
    ['src/scan/x.ts', "import { C } from '../core/clock/clock';"],
    ['src/scan/scanner/serial.adapter.ts', "import { S } from '../../../devices/scanner/serial-scanner';"],
    ['src/scan/x.ts', "import { A } from '../../devices/scanner/aim';"],
    ['src/teleservice-sandbox/x.ts', "import { Q } from '../scan/parsers/prescription-qr.parser';"],
    ['src/teleservice-sandbox/x.ts', "import { C } from '../core/clock/clock';"],
    ['src/main.ts', "import { S } from './teleservice-sandbox/sandbox.server';"],
    [
      'src/patient/patient.module.ts',
      "import { B } from './card-reader/adapters/bridge-card-readers.adapter';",
    ],
    ['src/teleservice-sandbox/x.ts', "import { T } from '../prescription/teleservice/teleservice.types';"],
    ['src/index.ts', "export type { E } from './prescription/teleservice/teleservice.factory.adapter';"],
  ])('%s may: %s', (file, source) => {
    expect(checkFile(file, source)).toEqual([]);
  });

  it('names each driver path that no longer exists', () => {
    const gone = CONCRETE_DRIVERS[1];
    expect(missingDrivers((path) => path !== gone).map((v) => v.target)).toEqual([gone]);
    expect(missingDrivers(() => true)).toEqual([]);
  });

  it('finds static, dynamic and require imports', () => {
    expect(
      importsOf(
        "import a from './a';\nexport { b } from './b';\nconst c = require('./c');\nawait import('./d');",
      ),
    ).toEqual(['./a', './b', './c', './d']);
  });
});
