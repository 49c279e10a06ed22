#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ with the repository's own inputs: the fixtures, the CommonMark
# spec examples (Markdown and the HTML they render to), the seeds under fuzz/seeds/ and the
# embedded rule packs. Files are named by content hash, as libFuzzer names its own, so
# running this again adds nothing twice. Usage: fuzz/seed-corpus.sh
set -euo pipefail
cd "$(dirname "$0")"

add() { # add TARGET FILE...
  local target=$1
  shift
  mkdir -p "corpus/$target"
  for file in "$@"; do
    cp "$file" "corpus/$target/$(sha1sum <"$file" | cut -c1-40)"
  done
}

mapfile -t fixtures < <(find ../fixtures -type f \( -name '*.md' -o -name '*.html' \) ! -name '*.expected.*' | sort)
add markdown "${fixtures[@]}"
add html "${fixtures[@]}" seeds/html/*
add rule_pack ../rules/ukrinform.toml seeds/rule_pack/*

if command -v python3 >/dev/null; then
  python3 - <<'PY'
import hashlib, json, pathlib
examples = json.loads(pathlib.Path("../tests/data/commonmark/spec-0.31.2.json").read_text())
for target, key in (("markdown", "markdown"), ("html", "html")):
    folder = pathlib.Path("corpus", target)
    folder.mkdir(parents=True, exist_ok=True)
    for example in examples:
        data = example[key].encode()
        (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)
PY
fi

for target in markdown html rule_pack; do
  echo "corpus/$target: $(find "corpus/$target" -type f | wc -l) inputs"
done
