#!/usr/bin/env bash
# npm test's setup step: the coverage report's browser test drives Debian's Chromium through
# puppeteer-core, which downloads no browser of its own. On a fresh machine without it, install it
# from Debian's packages (as root, or with sudo); anywhere else, stop and say how.
set -euo pipefail
# CHROMIUM_PATH names another Chromium-based browser (e.g. google-chrome on hosted CI runners).
if [ -n "${CHROMIUM_PATH:-}" ]; then [ -x "$CHROMIUM_PATH" ] && exit 0; echo "npm test: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2; exit 1; fi
command -v chromium >/dev/null && exit 0
if command -v apt-get >/dev/null; then
  sudo=$([ "$(id -u)" = 0 ] || echo sudo)
  echo "npm test: installing Debian's chromium for the coverage report's browser test" >&2
  $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "npm test: the coverage report's browser test needs Chromium on PATH as 'chromium' (e.g. apt-get install chromium)" >&2
exit 1
