#!/usr/bin/env bash
# README's first command on a counter PC without libpcsclite-dev (STACK.md, issue 13), run by `npm test`:
#  1. removes libpcsclite-dev (apt-get remove -y), so that @pokusew/pcsclite cannot build;
#  2. clones this repository's HEAD into a temporary folder and runs a plain `npm install` there (what a
#     newcomer runs; `--omit=optional` would prove nothing: it also drops @swc/core's binding);
#  3. checks the addon is indeed missing, then `npm start`s to /health 200 and stops it with SIGTERM (exit 0);
#  4. checks that production configuration asking for a PC/SC reader refuses to start (exit 2) and names the
#     Debian packages and `npm install`;
#  5. puts the headers back and checks that scripts/hw-prereqs.sh brings the clone's addon back;
# and, whatever happened, restores the machine: libpcsclite-dev installed, this tree's addon loading.
# Needs root (apt-get). Takes a few minutes: sqlite3 compiles from source in the clone.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
say() { echo "bare-install: $*"; }
[ "$(id -u)" -eq 0 ] || { say "needs root for apt-get" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive

tmp=$(mktemp -d /tmp/comptoir-bare-install-XXXXXX)
clone="$tmp/comptoir"
group=
restore() {
  local status=$?
  # Whatever is left of the npm start process group started below (this script's own).
  if [ -n "$group" ]; then kill -KILL -- "-$group" 2>/dev/null || true; fi
  say "restoring libpcsclite-dev and this tree's @pokusew/pcsclite"
  dpkg -s libpcsclite-dev >/dev/null 2>&1 ||
    apt-get install -y -qq --no-install-recommends libpcsclite-dev >/dev/null || status=1
  bash "$root/scripts/hw-prereqs.sh" || status=1
  rm -rf "$tmp"
  if [ "$status" -eq 0 ]; then say "ok (${SECONDS} s)"; else say "FAILED after ${SECONDS} s (logs above)" >&2; fi
  exit "$status"
}
trap restore EXIT
trap 'exit 130' INT TERM

fail() {
  say "$*" >&2
  exit 1
}
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# 1. no headers
if dpkg -s libpcsclite-dev >/dev/null 2>&1; then
  say "apt-get remove -y libpcsclite-dev"
  apt-get remove -y -qq libpcsclite-dev >/dev/null
fi
[ ! -e /usr/include/PCSC/winscard.h ] || fail "winscard.h is still there"

# 2. a newcomer's clone and install
head=$(git -C "$root" rev-parse HEAD)
say "fresh clone of $head, plain npm install (log: npm-install.log)"
git clone --quiet --no-hardlinks "$root" "$clone"
git -C "$clone" checkout --quiet "$head"
(cd "$clone" && npm install >"$tmp/npm-install.log" 2>&1) || {
  tail -40 "$tmp/npm-install.log"
  fail "npm install failed without libpcsclite-dev"
}

# 3. the addon is missing, and the service starts all the same
(cd "$clone" && ! node -e "require('@pokusew/pcsclite')" 2>/dev/null) ||
  fail "@pokusew/pcsclite loads in the clone: the proof proves nothing"
port=$(free_port)
sandbox_port=$(free_port)
say "npm start on port $port (sandbox $sandbox_port)"
(cd "$clone" && COMPTOIR_PORT=$port COMPTOIR_SANDBOX_PORT=$sandbox_port exec setsid npm start >"$tmp/start.log" 2>&1) &
service=$!
group=$service
health=
for _ in $(seq 1 240); do
  health=$(curl -sf "http://127.0.0.1:$port/health" || true)
  [ -n "$health" ] && break
  kill -0 "$service" 2>/dev/null || break
  sleep 0.5
done
[ -n "$health" ] || {
  tail -40 "$tmp/start.log"
  fail "no /health 200 from npm start"
}
say "/health: $health"
grep -q 'npm run referential:update' "$tmp/start.log" || fail "the first start does not say how to load the full referential"
echo "$health" | grep -Eq '"status":"(ok|degraded)"' || fail "unexpected /health body"
# SIGTERM to the service itself, as a service manager sends it (npm and its shell would only pass it on).
node_pid=$(pgrep -g "$service" -f '^node .*dist/src/main\.js' | head -1)
[ -n "$node_pid" ] || fail "no service process under npm start"
kill -TERM "$node_pid"
code=0
wait "$service" || code=$?
[ "$code" -eq 0 ] || {
  tail -20 "$tmp/start.log"
  fail "npm start did not stop cleanly on SIGTERM (exit $code)"
}

# 4. production asking for the real reader refuses, and says what to install
cat >"$tmp/production.yaml" <<'YAML'
teleservice: { url: 'https://teleservice.example.invalid/eprescription', signer: external }
pharmacy: { finess: '123456789', am: '123456789', name: Pharmacie Example }
terminals:
  - id: counter-1
    vitale: { driver: pcsc }
YAML
code=0
(cd "$clone" && COMPTOIR_ENV=production COMPTOIR_CONFIG="$tmp/production.yaml" COMPTOIR_DATA_DIR="$tmp/prod" \
  COMPTOIR_API_TOKENS="counter-1:counter:$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  node dist/src/main.js >"$tmp/production.log" 2>&1) || code=$?
cat "$tmp/production.log"
[ "$code" -eq 2 ] || fail "production with vitale.driver pcsc and no addon: exit $code, expected 2"
grep -q 'libpcsclite-dev' "$tmp/production.log" && grep -q 'npm install' "$tmp/production.log" ||
  fail "the refusal does not name libpcsclite-dev and npm install"

# 5. headers back: the test command's prerequisites bring the clone's addon back
say "apt-get install libpcsclite-dev, then hw-prereqs.sh in the clone"
apt-get install -y -qq --no-install-recommends libpcsclite-dev >/dev/null
bash "$clone/scripts/hw-prereqs.sh" >"$tmp/hw-prereqs.log" 2>&1 || {
  tail -40 "$tmp/hw-prereqs.log"
  fail "hw-prereqs.sh did not bring @pokusew/pcsclite back in the clone"
}
(cd "$clone" && node -e "require('@pokusew/pcsclite')") || fail "the clone's addon still does not load"
say "the clone's @pokusew/pcsclite loads again after hw-prereqs.sh"
