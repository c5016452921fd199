#!/usr/bin/env bash
# The whole test suite, every tier, as README says: types, lint, unit, medium, e2e, hardware, browser.
# Installs the Debian packages the hardware and browser tiers need when they are missing (STACK.md).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/hw-prereqs.sh || exit 1
[ -d node_modules ] || npm install || exit 1
mkdir -p test/output
status=0
echo "== bare install (README's first command without libpcsclite-dev)" && bash scripts/prove-bare-install.sh || status=1
echo "== typecheck" && npx tsc --noEmit -p tsconfig.json || status=1
echo "== lint" && npm run --silent lint || status=1
echo "== jest (unit, medium, e2e, security, hardware, browser)"
# Every answer the e2e tier checks against docs/openapi.json is noted here (test/support/openapi-check.ts).
rm -f test/output/openapi-seen.txt
COMPTOIR_OPENAPI_SEEN=test/output/openapi-seen.txt npx jest --ci --maxWorkers=1 --json --outputFile=test/output/jest.json "$@" || status=1
if [ $# -eq 0 ]; then
  # The whole e2e tier ran: every operation of the contract must have answered and been checked.
  echo "== openapi coverage" && node -r @swc-node/register scripts/openapi-coverage.ts test/output/openapi-seen.txt || status=1
fi
if [ -f test/output/jest.json ]; then
  node -e '
    const r = require("./test/output/jest.json");
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
    if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
    if (skipped) { console.error(`${skipped} test(s) skipped or todo: a test that does not run proves nothing`); process.exit(1); }
  ' || status=1
else
  echo "tests: 0 passed, 1 failed"
  status=1
fi
exit $status
