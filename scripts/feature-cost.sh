#!/usr/bin/env bash
# What each of dossier's optional outputs costs in a full build: the same corpus built with
# all of them, then with `[outputs]` leaving out the printable briefings, the side-by-side
# readings, the search, the e-books, and all four (what is left are the pages that Hugo's
# version of the corpus has counterparts for, and the timelines), alternately, run after run,
# with the floor (benches/floor.rs) in the same run. Each build is timed by /usr/bin/time
# (wall, user + system CPU, peak RSS); the table gives medians, the files and bytes written,
# and the time each saves. The corpus draws its words by Zipf's law from 80,000 per language,
# as bench.sh's; it and the outputs are on the real disk by default (target/feature-cost),
# where users build.
#
#   scripts/feature-cost.sh [--size 10000] [--runs 5] [--dir target/feature-cost]

set -euo pipefail
cd "$(dirname "$0")/.."

size=10000
runs=5
dir=$PWD/target/feature-cost
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    *) echo "usage: scripts/feature-cost.sh [--size N] [--runs N] [--dir DIR]" >&2; exit 2 ;;
  esac
done

cargo build --release --quiet --bins
gen_corpus=$(scripts/bench-binary.sh gen_corpus)
floor=$(scripts/bench-binary.sh floor)
mkdir -p "$dir"
dossier=$PWD/target/release/dossier

corpus="$dir/corpus-$size"
rm -rf "$corpus"*
"$gen_corpus" --articles "$size" --out "$corpus" --vocabulary zipf > /dev/null
raw="$dir/raw.tsv"
: > "$raw"

# The outputs left out, one configuration per word ("-": none), each a copy of the corpus
# with its `[outputs]` table.
configurations="- briefing side_by_side search epub briefing,side_by_side,search,epub"
for skip in $configurations; do
  [ "$skip" = "-" ] && continue
  cp -r "$corpus" "$corpus-$skip"
  {
    echo
    echo "[outputs]"
    for output in ${skip//,/ }; do echo "$output = false"; done
  } >> "$corpus-$skip/config.toml"
done
root_of() { if [ "$1" = "-" ]; then echo "$corpus"; else echo "$corpus-$1"; fi; }

for run in $(seq "$runs"); do
  for skip in $configurations; do
    rm -rf "$dir/out"
    if ! /usr/bin/time -o "$dir/time" -f '%e %U %S %M' \
      "$dossier" build --root "$(root_of "$skip")" --output-dir "$dir/out" > /dev/null 2> "$dir/stderr"; then
      cat "$dir/stderr" >&2
      exit 1
    fi
    read -r wall user sys rss < "$dir/time"
    # The same output every run: counted in the first.
    files="" bytes=""
    if [ "$run" = 1 ]; then
      files=$(find "$dir/out" -type f | wc -l)
      bytes=$(du -sb "$dir/out" | cut -f1)
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$skip" "$wall" \
      "$(python3 -c "print(round($user + $sys, 2))")" "$rss" "$files" "$bytes" >> "$raw"
  done
  rm -rf "$dir/floor-out"
  /usr/bin/time -o "$dir/time" -f '%e %U %S %M' "$floor" "$corpus" "$dir/floor-out" > /dev/null
  read -r wall user sys rss < "$dir/time"
  printf 'floor\t%s\t%s\t%s\t\t\n' "$wall" "$(python3 -c "print(round($user + $sys, 2))")" "$rss" >> "$raw"
  echo "run $run of $runs: done" >&2
done
rm -rf "$dir/out" "$dir/floor-out" "$corpus"-*

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
names = {"-": "everything (the default)", "briefing": "without the printable briefings",
         "side_by_side": "without the side-by-side readings", "search": "without the search",
         "epub": "without the e-books", "briefing,side_by_side,search,epub": "without all four"}
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
