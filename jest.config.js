/**
 * Jest tiers: unit (beside the code), medium (real SQLite), e2e (app + sandbox over HTTP), security (each
 * finding of docs/security.md sent as the request that showed it), hardware (pty, pcscd), browser (the pages
 * in Debian's chromium through playwright-core).
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
module.exports = {
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
      // Every answer of the tier is checked against docs/openapi.json (test/support/openapi-check.ts).
      setupFilesAfterEnv: ['<rootDir>/test/support/openapi-check.setup.ts'],
    },
    { ...base, displayName: 'security', testMatch: ['<rootDir>/test/security/**/*.security-spec.ts'] },
    { ...base, displayName: 'hardware', testMatch: ['<rootDir>/test/hardware/**/*.hw-spec.ts'] },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
};
