#!/usr/bin/env bash
# Builds the benchmark program NAME of `benches/` (release profile) and prints its path.
#
#   scripts/bench-binary.sh floor
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: scripts/bench-binary.sh NAME" >&2; exit 2; }
cargo bench --bench "$1" --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == sys.argv[1] and m.get("executable"):
        print(m["executable"])' "$1"
