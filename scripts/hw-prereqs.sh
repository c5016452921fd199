#!/usr/bin/env bash
# Debian packages the test tiers need (STACK.md): the hardware tier's devices, xmllint for the XSD checks,
# pdftoppm/pdfinfo for PDF ordonnances (also needed by the service to read a PDF), chromium for the browser
# tier (test/browser, driven by playwright-core), softhsm2 for the PKCS#11 signer (test/hardware),
# postgresql-15 for the PostgreSQL runs of the medium and e2e tiers.
# Installs what is missing; never skips silently. Then makes sure this tree's @pokusew/pcsclite loads: npm
# deletes an optional package whose build failed (no winscard.h at `npm install` time), and `npm rebuild`
# does not bring it back, so with the headers now present it runs a plain `npm install` again (STACK.md).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v socat >/dev/null || need+=(socat)
command -v pcscd >/dev/null || need+=(pcscd)
[ -e /usr/include/PCSC/winscard.h ] || need+=(libpcsclite-dev)
dpkg -s vsmartcard-vpcd >/dev/null 2>&1 || need+=(vsmartcard-vpcd)
dpkg -s pcsc-tools >/dev/null 2>&1 || need+=(pcsc-tools)
dpkg -s libusb-1.0-0 >/dev/null 2>&1 || need+=(libusb-1.0-0)
dpkg -s udev >/dev/null 2>&1 || need+=(udev)
command -v xmllint >/dev/null || need+=(libxml2-utils)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v chromium >/dev/null || need+=(chromium)
dpkg -s xkb-data x11proto-dev >/dev/null 2>&1 || need+=(xkb-data x11proto-dev) # HID fixtures: scripts/fixtures/xkb.ts
[ -e /usr/lib/softhsm/libsofthsm2.so ] || need+=(softhsm2)
# The medium and e2e tiers run on PostgreSQL too: their jest projects start a throwaway cluster (docs/data.md).
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
command -v curl >/dev/null || need+=(curl) # README's walkthrough, run as written by the e2e tier
if [ ${#need[@]} -gt 0 ]; then
  echo "hw-prereqs: installing ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "hw-prereqs: need root to apt-get install ${need[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

pcsc_loads() { node -e "require('@pokusew/pcsclite')" >/dev/null 2>&1; }
if ! pcsc_loads; then
  echo "hw-prereqs: @pokusew/pcsclite does not load: npm install again, with libpcsclite-dev present"
  npm install --no-audit --no-fund
  if ! pcsc_loads; then
    echo "hw-prereqs: @pokusew/pcsclite still does not load after npm install:" >&2
    node -e "require('@pokusew/pcsclite')" >&2 || true
    exit 1
  fi
fi
