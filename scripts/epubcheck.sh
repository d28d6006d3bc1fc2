#!/usr/bin/env bash
# Checks e-books with EPUBCheck (installed by scripts/install-test-tools.sh): fails on any
# error or warning, and prints the messages.
#
#   scripts/epubcheck.sh public/fr/dossier.epub public/en/briefing.epub
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$(find "$root/.tools/epubcheck" -name epubcheck.jar -type f 2>/dev/null | head -n 1)
[ -n "$jar" ] || { echo "epubcheck.jar not found: run scripts/install-test-tools.sh" >&2; exit 1; }
status=0
for book in "$@"; do
  if ! java -jar "$jar" "$book" --failonwarnings -q; then
    echo "EPUBCheck: $book has errors or warnings" >&2
    status=1
  fi
done
exit "$status"
