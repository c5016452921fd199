/**
 * Jest tiers: unit (beside the code), medium (a real database), e2e (app + sandbox over HTTP), security (each
 * finding of docs/security.md sent as the request that showed it), hardware (pty, pcscd), browser (the pages
 * in Debian's chromium through playwright-core). Medium and e2e run twice: on SQLite, and on PostgreSQL in
 * the `-pg` projects, whose global setup starts a throwaway cluster (docs/data.md).
 */
const swc = ['@swc/jest', require('./swc.config.js')];
// SoftHSM2 (the PKCS#11 signer's tests) reads SOFTHSM2_CONF from the process environment at C_Initialize;
// a test cannot set it from inside its sandbox, so it is set here: one token store per run (test/support/softhsm.ts).
process.env.SOFTHSM2_CONF ??= require('node:path').join(
  require('node:os').tmpdir(),
  `comptoir-softhsm-${process.pid}`,
  'softhsm2.conf',
);
const base = {
  // The pages' ES modules too, so that a unit test can require what they export (labels.js).
  transform: { '^.+\\.ts$': swc, 'src/counter/pages/assets/.+\\.js$': swc },
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};
const postgres = {
  globalSetup: '<rootDir>/test/support/pg-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/pg-global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/engine-postgres.ts'],
};
module.exports = {
  // The suites run one at a time (they share ports, pcscd, the PostgreSQL cluster) but in a worker process
  // that jest replaces once it holds more than this after a file: every file loads the whole service again,
  // and what a file leaves behind (modules held by an AsyncLocalStorage of a library, for one) would
  // otherwise pile up in one process until the garbage collector takes most of the time.
  // scripts/test-all.sh runs jest with --maxWorkers=1, not --runInBand, for this limit to apply.
  workerIdleMemoryLimit: '1GB',
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/src/**/*.spec.ts',
        '<rootDir>/devices/**/*.spec.ts',
        '<rootDir>/migrations/**/*.spec.ts',
        '<rootDir>/scripts/**/*.spec.ts',
        '<rootDir>/test/docs/**/*.spec.ts',
      ],
    },
    { ...base, displayName: 'medium', testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'] },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      // Several instances share a PostgreSQL database; SQLite is one process on one file.
      testPathIgnorePatterns: ['several-instances'],
      // Every answer of the tier is checked against docs/openapi.json (test/support/openapi-check.ts).
      setupFilesAfterEnv: ['<rootDir>/test/support/openapi-check.setup.ts'],
    },
    {
      ...base,
      ...postgres,
      displayName: 'medium-pg',
      testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'],
    },
    {
      ...base,
      ...postgres,
      displayName: 'e2e-pg',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      // These never open the test engine's database: the sandbox alone, the SOAP contract, README's
      // `npm start`, and ComptoirModule embedded in a host application with its own SQLite file.
      testPathIgnorePatterns: [
        'teleservice-sandbox',
        'teleservice-contracts',
        'day-one',
        'embedding',
        'embed-example',
      ],
      setupFilesAfterEnv: ['<rootDir>/test/support/openapi-check.setup.ts'],
    },
    { ...base, displayName: 'security', testMatch: ['<rootDir>/test/security/**/*.security-spec.ts'] },
    { ...base, displayName: 'hardware', testMatch: ['<rootDir>/test/hardware/**/*.hw-spec.ts'] },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
};
