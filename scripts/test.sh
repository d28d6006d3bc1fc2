#!/usr/bin/env bash
# The test command: installs the test tools; checks the built dossier and the test fixture (also
# built without its optional outputs) with the Nu Html Checker (zero errors allowed) and with
# axe-core in headless Chromium (no serious or critical violation); checks their e-books with
# EPUBCheck (zero errors and warnings) and opens each e-book's documents in Chromium (axe-core,
# XML, links inside the book); checks the reader features
# (the timelines and the actors' links, search, the side-by-side readings, the printed
# briefings read back from PDF with pdftotext) and the live preview in Chromium; then runs
# every Rust test.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-tools.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --quiet --locked -- build --output-dir "$work/dossier"
cargo run --quiet --locked -- build --root tests/fixtures/basic --output-dir "$work/fixture"
cargo run --quiet --locked -- init "$work/new" >/dev/null
cargo run --quiet --locked -- build --root "$work/new" --output-dir "$work/starter"
# The fixture again with `[outputs]` leaving out the briefings, side-by-side readings and search.
cp -r tests/fixtures/basic "$work/lean-source"
printf '\n[outputs]\nbriefing = false\nside_by_side = false\nsearch = false\nepub = false\n' >> "$work/lean-source/config.toml"
cargo run --quiet --locked -- build --root "$work/lean-source" --output-dir "$work/lean"
# The fixture again with an English abstract, authors, sources and a quote of the source on its
# French-only article: the pages that show them in both languages; lists of two articles a
# page, so that topic pages and timelines have later pages; a briefing of the newest
# article of each topic, whose cover says so; and actors.
cp -r tests/fixtures/basic "$work/credits-source"
sed -i 's/^\[markdown\]$/[lists]\nper_page = 2\n\n[briefing]\nall_up_to = 2\nper_topic = 1\n\n[markdown]/' "$work/credits-source/config.toml"
grep -q '^per_page = 2$' "$work/credits-source/config.toml"
sed -i 's/^topics = \["cybercrime"\]$/topics = ["cybercrime"]\nauthors = [{ fr = "La rédaction", en = "The editors" }]\nsources = [{ name = "Reuters", title = "A \& B", url = "https:\/\/example.org\/a?b=1\&c=2", date = 2025-02-20, kind = "press" }]\n\n[abstracts.en]\ntitle = "The Lazarus group"\nsummary = "How the group stole $1.5bn."/; s/^## Chronologie$/> [!SOURCE]\n> *The source’s disclaimer.*\n\n## Chronologie/' \
  "$work/credits-source/content/cybercrime/lazarus.fr.md"
grep -q '^\[abstracts.en\]' "$work/credits-source/content/cybercrime/lazarus.fr.md"
# And the actors its articles name (`actors.toml`): their pages, the links to them; and key
# figures on the French-only article, gathered on the topic and actor pages of both languages.
cp tests/fixtures/extras/actors.toml "$work/credits-source/actors.toml"
awk 'BEGIN { n = 0 } /^\+\+\+$/ { n++; if (n == 2) printf "[[figures]]\nvalue = \"1,5 milliard de dollars\"\nlabel = \"volés à Bybit\"\ndate = 2025-02-21\nsource = \"FBI\"\nurl = \"https://www.fbi.gov/\"\nactors = [\"lazarus\"]\n" } { print }' \
  "$work/credits-source/content/cybercrime/lazarus.fr.md" > "$work/lazarus.fr.md"
mv "$work/lazarus.fr.md" "$work/credits-source/content/cybercrime/lazarus.fr.md"
grep -q '^\[\[figures\]\]$' "$work/credits-source/content/cybercrime/lazarus.fr.md"
# Two more articles name North Korea: its actor page takes two pages of two.
printf '\nPyongyang l’a nié.\n' | tee -a "$work/credits-source/content/diplomacy/sommet.fr.md" >> "$work/credits-source/content/cybercrime/lazarus.fr.md"
cargo run --quiet --locked -- build --root "$work/credits-source" --output-dir "$work/credits"
# Three sites written as real ones are (front matter in YAML, JSON and TOML; raw HTML, aliases,
# reference pages, bundles), at a domain's root and under a project path.
for real in real-yaml real-json real-toml; do
  cargo run --quiet --locked -- build --root "tests/fixtures/$real" --output-dir "$work/$real"
  cargo run --quiet --locked -- build --root "tests/fixtures/$real" --output-dir "$work/$real-repo" --base-url https://user.github.io/repo/
done
# A Hugo site and a Zola site written for the tests, migrated by `dossier migrate` (which checks
# what it wrote), then built.
for peer in hugo zola; do
  cargo run --quiet --locked -- migrate -q "tests/fixtures/migrate-$peer" "$work/migrated-$peer-site"
  cargo run --quiet --locked -- build -q --root "$work/migrated-$peer-site" --output-dir "$work/migrated-$peer"
done
cargo build --quiet --locked
dossier="${CARGO_TARGET_DIR:-target}/debug/dossier"
echo "Nu Html Checker: the first dossier, the basic fixture (with every output, without the optional ones, and with an abstract, sources, authors and actors), a new dossier (dossier init), the three real-site fixtures and the two migrated ones"
java -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html "$work/dossier" "$work/fixture" "$work/lean" "$work/credits" "$work/starter" \
  "$work/real-yaml" "$work/real-yaml-repo" "$work/real-json" "$work/real-json-repo" "$work/real-toml" "$work/real-toml-repo" \
  "$work/migrated-hugo" "$work/migrated-zola"
echo "Nu Html Checker: 0 errors"
echo "EPUBCheck: the e-books of the same sites"
# shellcheck disable=SC2046 # every e-book, one argument each (paths without spaces)
scripts/epubcheck.sh $(find "$work/dossier" "$work/fixture" "$work/credits" "$work/starter" \
  "$work/real-yaml" "$work/real-json" "$work/real-toml" "$work/migrated-hugo" "$work/migrated-zola" -name '*.epub' | sort)
[ -z "$(find "$work/lean" -name '*.epub')" ] || { echo "[outputs] epub = false still wrote an e-book" >&2; exit 1; }
echo "EPUBCheck: 0 errors, 0 warnings"
# shellcheck disable=SC2046 # as above
node tests/browser/epub.mjs $(find "$work/dossier" "$work/fixture" "$work/credits" "$work/starter" \
  "$work/real-yaml" "$work/real-json" "$work/real-toml" "$work/migrated-hugo" "$work/migrated-zola" -name '*.epub' | sort)
node tests/browser/axe.mjs "$work/dossier" "$work/fixture" "$work/lean" "$work/credits" "$work/starter" "$work/real-yaml" "$work/real-json" "$work/real-toml" \
  "$work/migrated-hugo" "$work/migrated-zola"
node tests/browser/reader.mjs "$work/dossier" . "$dossier"
node tests/browser/reader.mjs "$work/fixture" tests/fixtures/basic "$dossier"
node tests/browser/search.mjs "$work/dossier" . "$dossier" fr coree
node tests/browser/search.mjs "$work/dossier" . "$dossier" en sanctions
node tests/browser/search.mjs "$work/fixture" tests/fixtures/basic "$dossier" fr rapport
node tests/browser/ranking.mjs "$dossier"
node tests/browser/search-bytes.mjs "$dossier" 1500
node tests/browser/parallel.mjs "$work/dossier" . "$dossier"
node tests/browser/parallel.mjs "$work/fixture" tests/fixtures/basic "$dossier"
node tests/browser/briefing.mjs "$work/dossier"
node tests/browser/briefing.mjs "$work/fixture"
node tests/browser/live-reload.mjs "$dossier" tests/fixtures/basic

cargo test --all-targets --locked
