#!/usr/bin/env bash
# Everything the tests need on a fresh machine: Chromium (Debian's, unless CHROMIUM_PATH names
# another, e.g. Playwright's own on a laptop), Firefox (Debian's ESR, unless FIREFOX_PATH names
# another that allows unsigned add-ons: ESR, Developer Edition or Nightly), openssl (the e2e test
# sites make a self-signed certificate with it at run time) and the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
firefox_path="${FIREFOX_PATH:-/usr/bin/firefox-esr}"
missing=()
[ -x "$chromium_path" ] || missing+=(chromium)
[ -x "$firefox_path" ] || missing+=(firefox-esr)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    echo "Installing Debian's ${missing[*]} (for the end-to-end tests)…"
    $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif [ ! -x "$chromium_path" ]; then
    echo "No Chromium at $chromium_path. Install Chromium, or set CHROMIUM_PATH to a Chromium binary (not branded Chrome, which ignores --load-extension)." >&2
    exit 1
  elif [ ! -x "$firefox_path" ]; then
    echo "No Firefox at $firefox_path. Install Firefox ESR, or set FIREFOX_PATH to a Firefox that allows unsigned add-ons (ESR, Developer Edition, Nightly; not release Firefox)." >&2
    exit 1
  else
    echo "No openssl on the PATH: install it (the e2e test sites make their certificate with it)." >&2
    exit 1
  fi
fi
"$chromium_path" --version
"$firefox_path" --version
openssl version

npm ci --no-audit --no-fund
