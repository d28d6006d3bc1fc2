#!/usr/bin/env bash
# What each of dossier's outputs costs in a full build: the same corpus built with all of
# them, then without the printable briefings, without the side-by-side views, without the
# search, without all three (the pages that Hugo's version of the corpus has counterparts
# for, and the timelines), alternately, run after run, with the floor (benches/floor.rs) in
# the same run. Each build is timed by /usr/bin/time (wall, user + system CPU, peak RSS).
#
#   scripts/feature-cost.sh [--size 10000] [--runs 5] [--dir /dev/shm/dossier-cost]
#
# The builds that leave outputs out come from a binary built with the `feature-cost` Cargo
# feature (DOSSIER_SKIP names the kinds of page left out); never a release's: the pages it
# keeps still link to those it leaves out. It is built into the usual target folder, so the
# next plain `cargo build --release` builds dossier itself again.

set -euo pipefail
cd "$(dirname "$0")/.."

size=10000
runs=5
dir=/dev/shm/dossier-cost
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    *) echo "usage: scripts/feature-cost.sh [--size N] [--runs N] [--dir DIR]" >&2; exit 2 ;;
  esac
done

cargo build --release --quiet --examples
floor=$(cargo bench --bench floor --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "floor" and m.get("executable"):
        print(m["executable"])')
mkdir -p "$dir"
cargo build --release --quiet --features feature-cost --bin dossier
cp target/release/dossier "$dir/dossier-cost"
dossier="$dir/dossier-cost"

corpus="$dir/corpus-$size"
rm -rf "$corpus"
target/release/examples/gen_corpus --articles "$size" --out "$corpus" > /dev/null
raw="$dir/raw.tsv"
: > "$raw"

# The kinds of page left out, one configuration per line ("-": none).
configurations="- briefing parallel search briefing,parallel,search"

for run in $(seq "$runs"); do
  for skip in $configurations; do
    rm -rf "$dir/out"
    if ! DOSSIER_SKIP="${skip#-}" /usr/bin/time -o "$dir/time" -f '%e %U %S %M' \
      "$dossier" build --root "$corpus" --output-dir "$dir/out" > /dev/null 2> "$dir/stderr"; then
      cat "$dir/stderr" >&2
      exit 1
    fi
    read -r wall user sys rss < "$dir/time"
    files=$(find "$dir/out" -type f | wc -l)
    bytes=$(du -sb "$dir/out" | cut -f1)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$skip" "$wall" \
      "$(python3 -c "print(round($user + $sys, 2))")" "$rss" "$files" "$bytes" >> "$raw"
  done
  rm -rf "$dir/floor-out"
  /usr/bin/time -o "$dir/time" -f '%e %U %S %M' "$floor" "$corpus" "$dir/floor-out" > /dev/null
  read -r wall user sys rss < "$dir/time"
  printf 'floor\t%s\t%s\t%s\t\t\n' "$wall" "$(python3 -c "print(round($user + $sys, 2))")" "$rss" >> "$raw"
  echo "run $run of $runs: done" >&2
done
rm -rf "$dir/out" "$dir/floor-out"

python3 - "$raw" "$size" <<'EOF' | tee "$dir/results.md"
import statistics, sys
from collections import defaultdict

rows = defaultdict(list)
for line in open(sys.argv[1]):
    name, wall, cpu, rss, files, size = line.rstrip("\n").split("\t")
    rows[name].append((float(wall), float(cpu), int(rss), files, size))

def med(name, i):
    return statistics.median(r[i] for r in rows[name])

floor = med("floor", 0)
full = med("-", 0)
names = {"-": "everything (a full build)", "briefing": "without the printable briefings",
         "parallel": "without the side-by-side views", "search": "without the search",
         "briefing,parallel,search": "without all three"}
print(f"{int(sys.argv[2]):,} groups, medians of {len(rows['-'])} runs; the floor: {floor:.2f} s")
print()
print("| build | wall | CPU | peak RSS | files | output | wall saved | ÷ floor |")
print("|---|---|---|---|---|---|---|---|")
for name, label in names.items():
    w, c, r = med(name, 0), med(name, 1), med(name, 2)
    files, size = rows[name][0][3], int(rows[name][0][4])
    print(f"| {label} | {w:.2f} s | {c:.2f} s | {r / 1024:.0f} MB | {int(files):,} "
          f"| {size / 1e6:.0f} MB | {full - w:.2f} s | {w / floor:.2f} |")
EOF
