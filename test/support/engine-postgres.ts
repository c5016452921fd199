// setupFiles of the `-pg` jest projects: the tests of this file run on PostgreSQL (test/support/database.ts).
process.env.COMPTOIR_TEST_DATABASE = 'postgres';
