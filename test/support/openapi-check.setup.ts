// The e2e tier's drift check (test/support/openapi-check.ts): after each test, every answer the apps gave
// must have matched docs/openapi.json. A drift fails the test that saw it, listing each answer and why.
import { takeViolations } from './openapi-check';

const report = () => {
  const seen = takeViolations();
  if (seen.length === 0 || process.env.COMPTOIR_OPENAPI_REPORT) return;
  const lines = seen
    .slice(0, 20)
    .map((v) => `  ${v.request} → ${v.status}: ${v.problem}${v.body ? `\n    ${v.body}` : ''}`);
  throw new Error(
    `${seen.length} answer(s) drift from docs/openapi.json (fix the code or the schema, then npm run openapi:update):\n${lines.join('\n')}`,
  );
};

afterEach(report);
afterAll(report);
