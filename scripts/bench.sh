#!/usr/bin/env bash
# Benchmarks citelint against its floor (examples/floor.rs: read + parse + first-paragraph
# links, nothing else) and against its peers (markdownlint-cli2 with an equivalent custom
# rule, rumdl), on the corpus scripts/gen_corpus.py writes, and writes BENCHMARKS.md with the
# machine, the versions, the exact commands, the medians and every ratio against the targets.
#
#   scripts/bench.sh [--quick] [--runs N] [--work DIR] [--out FILE] [--no-peers]
#
#   --quick      a smoke run: a small corpus (500 Markdown files, 100 pages), 2 runs each,
#                report written to WORK/BENCHMARKS.md unless --out says otherwise
#   --runs N     hyperfine runs per corpus command, after 1 warm-up (default 3; 2 with
#                --quick); rumdl and citelint at its default parallelism get 10 runs (or N
#                if more), the slow peer (markdownlint-cli2) 2 runs and no warm-up, the
#                single-file timings 30 runs after 3 warm-ups
#   --work DIR   corpora, peers and raw results (default: $BENCH_DIR or /tmp/citelint-bench;
#                keep it outside a git work tree: its .gitignore would hide the corpus)
#   --out FILE   the report (default: BENCHMARKS.md at the repository root; see --quick)
#   --no-peers   skip markdownlint-cli2 and rumdl
#   --report-only  rewrite the report from the raw results of the last run in WORK/results
#                (after editing scripts/bench-notes.md, say), measuring nothing
#
# Needs cargo, python3, and root (or sudo) to apt-get install hyperfine and time when they are
# missing; npm and pip for the peers (a peer that cannot be installed is skipped, and the
# report says why). The full run takes about 15 minutes on 2 cores, the build included.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
quick=0
runs=
work=${BENCH_DIR:-${TMPDIR:-/tmp}/citelint-bench}
out=
peers=1
report_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --runs) runs=$2; shift ;;
    --runs=*) runs=${1#--runs=} ;;
    --work) work=$2; shift ;;
    --work=*) work=${1#--work=} ;;
    --out) out=$2; shift ;;
    --out=*) out=${1#--out=} ;;
    --no-peers) peers=0 ;;
    --report-only) report_only=1 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$quick" = 1 ]; then
  corpus_args=(--md 500 --html 100)
  runs=${runs:-2}
  peer_runs=$runs
  slow_runs=1
  single_runs=10
  out=${out:-$work/BENCHMARKS.md}
else
  corpus_args=()
  runs=${runs:-3}
  # The rumdl target is judged on one ratio of two medians: more runs of the two, which
  # take two seconds together, keep a slow minute of the machine from deciding it.
  peer_runs=$(( runs > 10 ? runs : 10 ))
  slow_runs=2
  single_runs=30
  out=${out:-$repo/BENCHMARKS.md}
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)
case "$out" in /*) ;; *) out=$(pwd)/$out ;; esac
raw=$work/results
log() { printf '\n== %s\n' "$*" >&2; }
if [ "$report_only" = 1 ]; then
  [ -f "$raw/meta.tsv" ] || { echo "bench.sh: no results in $raw to report" >&2; exit 1; }
  out=${out:-$repo/BENCHMARKS.md}
else
rm -rf "$raw"
mkdir -p "$raw"

# ---------------------------------------------------------------------------------------
log "tools"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
hyperfine --version >&2

# ---------------------------------------------------------------------------------------
log "build (release)"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target}
(cd "$repo" && cargo build --release --locked --bin citelint --example floor)
citelint=$CARGO_TARGET_DIR/release/citelint
floor=$CARGO_TARGET_DIR/release/examples/floor

# ---------------------------------------------------------------------------------------
log "corpora"
# Regenerated only when the generator or its arguments changed.
make_corpus() { # DIR ARGS...
  local dir=$1; shift
  local stamp
  stamp="$(sha256sum "$repo/scripts/gen_corpus.py" | cut -c1-16) $*"
  if [ -f "$dir/MANIFEST.txt" ] && [ "$(cat "$dir/.stamp" 2>/dev/null)" = "$stamp" ]; then
    echo "reusing $dir" >&2
    return
  fi
  rm -rf "$dir"
  python3 "$repo/scripts/gen_corpus.py" "$dir" "$@" >&2
  echo "$stamp" > "$dir/.stamp"
}
corpus=$work/corpus
cite10=$work/corpus-cite10
make_corpus "$corpus" ${corpus_args[@]+"${corpus_args[@]}"}
make_corpus "$cite10" ${corpus_args[@]+"${corpus_args[@]}"} --cite-share 0.1
# A corpus under an ignored directory would be skipped whole by the walk: stop early.
n_files=$(cd "$corpus" && "$floor" --read-only md html | cut -d' ' -f1)
n_expected=$(cd "$corpus" && find md html -type f | wc -l)
if [ "$n_files" != "$n_expected" ]; then
  echo "the walk sees $n_files of $n_expected corpus files: is $work inside a git work tree?" >&2
  exit 1
fi

# The prefilter must be sound: the same report with and without it, on the whole corpus.
log "prefilter soundness"
for c in "$corpus" "$work/corpus-cite10"; do
  [ -d "$c" ] || continue
  (cd "$c" && "$citelint" check --isolated --format json md html > "$work/with-prefilter.json" || true)
  (cd "$c" && "$citelint" check --isolated --no-prefilter --format json md html > "$work/without-prefilter.json" || true)
  if ! cmp -s "$work/with-prefilter.json" "$work/without-prefilter.json"; then
    echo "the prefilter changed the report on $c: it is unsound" >&2
    exit 1
  fi
  echo "prefilter: identical reports with and without it on $c" >&2
done

# ---------------------------------------------------------------------------------------
log "peers"
peerdir=$work/peers
mkdir -p "$peerdir"
mdl=
rumdl=
: > "$raw/peers.tsv"
if [ "$peers" = 1 ]; then
  if command -v npm >/dev/null 2>&1; then
    # 0.22.1 is the version the issue's figures were measured with; else the newest.
    if [ -x "$peerdir/npm/node_modules/.bin/markdownlint-cli2" ] ||
       npm install --silent --no-audit --no-fund --prefix "$peerdir/npm" markdownlint-cli2@0.22.1 >&2 ||
       npm install --silent --no-audit --no-fund --prefix "$peerdir/npm" markdownlint-cli2 >&2; then
      mdl=$peerdir/npm/node_modules/.bin/markdownlint-cli2
      printf 'markdownlint-cli2\tok\t%s\n' "$("$mdl" --help 2>&1 | head -n 1)" >> "$raw/peers.tsv"
    else
      printf 'markdownlint-cli2\tskipped\tnpm install markdownlint-cli2 failed\n' >> "$raw/peers.tsv"
    fi
  else
    printf 'markdownlint-cli2\tskipped\tnpm is not installed\n' >> "$raw/peers.tsv"
  fi
  if [ -x "$peerdir/venv/bin/rumdl" ] ||
     { python3 -m venv "$peerdir/venv" >&2 &&
       "$peerdir/venv/bin/pip" install --quiet --disable-pip-version-check rumdl >&2; }; then
    rumdl=$peerdir/venv/bin/rumdl
    printf 'rumdl\tok\t%s\n' "$("$rumdl" --version 2>&1 | head -n 1)" >> "$raw/peers.tsv"
  else
    printf 'rumdl\tskipped\tpip install rumdl failed\n' >> "$raw/peers.tsv"
  fi
else
  printf 'markdownlint-cli2\tskipped\t--no-peers\nrumdl\tskipped\t--no-peers\n' >> "$raw/peers.tsv"
fi

# ---------------------------------------------------------------------------------------
# Every timed command is recorded as: group, label, command (as hyperfine ran it, from the
# corpus directory named in the group).
: > "$raw/commands.tsv"
bench() { # GROUP DIR HYPERFINE-OPTIONS... -- LABEL COMMAND [LABEL COMMAND]...
  local group=$1 dir=$2; shift 2
  local opts=()
  while [ "$1" != -- ]; do opts+=("$1"); shift; done
  shift
  local cmds=()
  while [ $# -gt 0 ]; do
    printf '%s\t%s\t%s\t%s\n' "$group" "$1" "$2" "$dir" >> "$raw/commands.tsv"
    cmds+=("$2")
    shift 2
  done
  log "hyperfine: $group"
  (cd "$dir" && hyperfine --style basic -i "${opts[@]}" --export-json "$raw/$group.json" "${cmds[@]}" >&2)
}

parts=(md:md html:html all:"md html")
main_cmds=()
for p in "${parts[@]}"; do
  name=${p%%:*} paths=${p#*:}
  for j in 1 2; do
    main_cmds+=("check $name -j$j" "$citelint check -j $j $paths")
    main_cmds+=("floor $name -j$j" "$floor -j $j $paths")
  done
done
bench parts "$corpus" -N --warmup 1 --runs "$runs" -- "${main_cmds[@]}"

# The same file citing the source without a link to it: then the rules need the citation
# search, whose cue patterns compile when first used.
sed -E 's/\[([^]]*)\]\([^)]*ukrinform[^)]*\)/\1/g' "$corpus/single/one.md" \
  > "$corpus/single/unlinked.md"
bench single "$corpus" -N --warmup 3 --runs "$single_runs" -- \
  "check one.md" "$citelint check single/one.md" \
  "check unlinked.md" "$citelint check single/unlinked.md" \
  "check one.html" "$citelint check single/one.html" \
  "floor one.md" "$floor single/one.md" \
  "floor one.html" "$floor single/one.html"

# The peers: the Markdown part at each tool's default parallelism, citelint's included.
peer_cmds=("check md (default -j)" "$citelint check md" "floor md (default -j)" "$floor md")
[ -n "$rumdl" ] && peer_cmds+=("rumdl md" "$rumdl check --no-cache --no-config --silent md")
bench peers "$corpus" -N --warmup 1 --runs "$peer_runs" -- "${peer_cmds[@]}"
if [ -n "$mdl" ]; then
  bench peers-slow "$corpus" -N --warmup 0 --runs "$slow_runs" -- \
    "markdownlint-cli2 md" "$mdl --config $repo/scripts/markdownlint/bench-defaults.markdownlint-cli2.jsonc md/**/*.md" \
    "markdownlint-cli2 md (the rule only)" "$mdl --config $repo/scripts/markdownlint/bench.markdownlint-cli2.jsonc md/**/*.md"
fi

# The corpus where only 10% of the documents cite the source: the check against reading.
bench cite10 "$cite10" -N --warmup 1 --runs "$runs" -- \
  "check all -j1 (10% cite)" "$citelint check -j 1 md html" \
  "check all -j2 (10% cite)" "$citelint check -j 2 md html" \
  "floor all -j2 (10% cite)" "$floor -j 2 md html" \
  "read-only all -j1 (10% cite)" "$floor --read-only -j 1 md html" \
  "read-only all -j2 (10% cite)" "$floor --read-only -j 2 md html"
bench cite10-cat "$cite10" --warmup 1 --runs "$runs" -- \
  "cat all (10% cite)" "find md html -type f -print0 | xargs -0 cat > /dev/null"

# ---------------------------------------------------------------------------------------
log "peak RSS"
: > "$raw/rss.tsv"
rss() { # LABEL DIR COMMAND...
  local label=$1 dir=$2; shift 2
  (cd "$dir" && /usr/bin/time -v -o "$raw/time.txt" "$@" >/dev/null 2>&1) || true
  local kb
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$raw/time.txt")
  printf '%s\t%s\t%s\n' "$label" "${kb:-}" "$*" >> "$raw/rss.tsv"
}
for p in "${parts[@]}"; do
  name=${p%%:*} paths=${p#*:}
  for j in 1 2; do
    # shellcheck disable=SC2086 # the paths are words
    rss "check $name -j$j" "$corpus" "$citelint" check -j "$j" $paths
  done
done
rss "check one.md" "$corpus" "$citelint" check single/one.md
rss "check one.html" "$corpus" "$citelint" check single/one.html
rss "floor all -j2" "$corpus" "$floor" -j 2 md html

# ---------------------------------------------------------------------------------------
log "report"
{
  printf 'date\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf 'quick\t%s\n' "$quick"
  printf 'runs\t%s\n' "$runs"
  printf 'slow_runs\t%s\n' "$slow_runs"
  printf 'peer_runs\t%s\n' "$peer_runs"
  printf 'single_runs\t%s\n' "$single_runs"
  printf 'nproc\t%s\n' "$(nproc)"
  printf 'cpu\t%s\n' "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  printf 'memory\t%s\n' "$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  printf 'kernel\t%s\n' "$(uname -sr)"
  printf 'os\t%s\n' "$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-}")"
  printf 'load\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'rustc\t%s\n' "$(rustc --version)"
  printf 'citelint\t%s\n' "$("$citelint" --version 2>&1 | head -n 1)"
  printf 'commit\t%s\n' "$(git -C "$repo" describe --always --dirty 2>/dev/null || echo unknown)"
  printf 'hyperfine\t%s\n' "$(hyperfine --version)"
  printf 'python\t%s\n' "$(python3 --version 2>&1)"
  printf 'node\t%s\n' "$(node --version 2>/dev/null || echo none)"
  printf 'citelint_bin\t%s\n' "$citelint"
  printf 'floor_bin\t%s\n' "$floor"
  printf 'mdl_bin\t%s\n' "$mdl"
  printf 'rumdl_bin\t%s\n' "$rumdl"
  printf 'repo\t%s\n' "$repo"
  printf 'corpus\t%s\n' "$corpus"
  printf 'cite10\t%s\n' "$cite10"
  printf 'corpus_args\t%s\n' "${corpus_args[*]+${corpus_args[*]}}"
} > "$raw/meta.tsv"
cp "$corpus/MANIFEST.txt" "$raw/MANIFEST.txt"
cp "$cite10/MANIFEST.txt" "$raw/MANIFEST-cite10.txt"
fi # report_only

python3 - "$raw" "$out" "$repo/scripts/bench-notes.md" <<'PY'
"""Turns the raw results of bench.sh into BENCHMARKS.md."""
import csv
import json
import os
import statistics
import sys

raw, out, notes = sys.argv[1], sys.argv[2], sys.argv[3]
meta = dict(line.rstrip("\n").split("\t", 1) for line in open(os.path.join(raw, "meta.tsv")))
quick = meta["quick"] == "1"

results = {}  # label -> dict(median, stddev, runs, command, group, dir)
commands = list(csv.reader(open(os.path.join(raw, "commands.tsv")), delimiter="\t"))
by_group = {}
for group, label, command, cwd in commands:
    by_group.setdefault(group, []).append((label, command, cwd))
for group, entries in by_group.items():
    path = os.path.join(raw, f"{group}.json")
    if not os.path.exists(path):
        continue
    data = json.load(open(path))["results"]
    for (label, command, cwd), r in zip(entries, data):
        times = r["times"]
        results[label] = {
            "median": r["median"],
            "stddev": statistics.stdev(times) if len(times) > 1 else 0.0,
            "runs": len(times),
            "command": command,
            "group": group,
            "cwd": cwd,
            "exit": sorted(set(r.get("exit_codes") or [])),
        }
rss = {}
for label, kb, command in csv.reader(open(os.path.join(raw, "rss.tsv")), delimiter="\t"):
    rss[label] = (int(kb) if kb else None, command)
peers = {name: (status, detail) for name, status, detail in
         csv.reader(open(os.path.join(raw, "peers.tsv")), delimiter="\t")}


def med(label):
    return results[label]["median"] if label in results else None


def fmt_time(s):
    if s is None:
        return "—"
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def fmt_ratio(x):
    return "—" if x is None else f"{x:.2f}×"


targets = []  # (what, measured, target, met)


def target(what, measured_text, target_text, met):
    targets.append((what, measured_text, target_text,
                    "—" if met is None else ("yes" if met else "**no**")))


lines = []
w = lines.append
w("# citelint benchmarks")
w("")
if quick:
    w("> **Smoke run (`scripts/bench.sh --quick`)**: a small corpus and few runs. These numbers "
      "only show that the benchmark works; they say nothing about the targets.")
    w("")
w(f"Written by `scripts/bench.sh` on {meta['date']}. Medians of hyperfine runs "
  f"({meta['runs']} runs after 1 warm-up for the corpus commands, "
  f"{meta.get('peer_runs', meta['runs'])} for rumdl and `citelint check md` at its default, "
  f"{meta['single_runs']} after 3 "
  f"for single files, {meta['slow_runs']} without warm-up for markdownlint-cli2), release "
  "builds, warm page cache. The floor is `examples/floor.rs`: it walks, reads and parses every "
  "file with the parsers, options and thread count of `citelint check` and finds the first "
  "paragraph's links, and does nothing else. Reproduce with `scripts/bench.sh`.")
w("")

# --- targets
parts = ["md", "html", "all"]
for part in parts:
    for j in (1, 2):
        r = ratio(med(f"check {part} -j{j}"), med(f"floor {part} -j{j}"))
        target(f"check {part} at {j} thread{'s' if j > 1 else ''} vs the floor", fmt_ratio(r),
               "≤ 1.25×", None if r is None else r <= 1.25)
base = med("check md (default -j)")
for peer, label, goal in (("markdownlint-cli2", "markdownlint-cli2 md", 100),
                          ("rumdl", "rumdl md", 5)):
    r = ratio(med(label), base)
    if r is None:
        status, detail = peers.get(peer, ("skipped", "not run"))
        target(f"faster than {peer} (Markdown part)", f"not measured: {detail}",
               f"≥ {goal}×", None)
    else:
        target(f"faster than {peer} (Markdown part)", fmt_ratio(r), f"≥ {goal}×", r >= goal)
one = med("check one.md")
target("single 3 KB Markdown file, end to end", fmt_time(one), "≤ 5 ms",
       None if one is None else one <= 0.005)
rss_checks = [(k, v) for k, v in rss.items() if k.startswith("check ")]
worst = max((v[0] for _, v in rss_checks if v[0] is not None), default=None)
target("peak RSS of any `citelint check` run below", "—" if worst is None else f"{worst / 1024:.1f} MB",
       "≤ 64 MB", None if worst is None else worst <= 64 * 1024)
for part in parts:
    r = ratio(med(f"check {part} -j1"), med(f"check {part} -j2"))
    target(f"check {part}: 2 threads vs 1", fmt_ratio(r), "≥ 1.7× faster",
           None if r is None else r >= 1.7)
for j in (1, 2):
    r = ratio(med(f"check all -j{j} (10% cite)"), med(f"read-only all -j{j} (10% cite)"))
    target(f"10% of documents cite: check at {j} thread{'s' if j > 1 else ''} vs reading the files",
           fmt_ratio(r), "≤ 2× (≥ 50% of read speed)", None if r is None else r <= 2.0)

w("## Targets")
w("")
w("| target | measured | goal | met? |")
w("|---|---|---|---|")
for what, measured, goal, met in targets:
    w(f"| {what} | {measured} | {goal} | {met} |")
w("")

# --- the main table
def row(label, floor_label=None, peers_for=None, goal="", met=""):
    r = results.get(label)
    if r is None:
        return
    f = fmt_ratio(ratio(r["median"], med(floor_label))) if floor_label else "—"
    p = []
    for peer_label, short in (peers_for or []):
        x = ratio(med(peer_label), r["median"])
        if x is not None:
            p.append(f"{short} {x:.2f}×")
    spread = f" ± {fmt_time(r['stddev'])}" if r["runs"] > 1 else ""
    w(f"| {label} | {fmt_time(r['median'])}{spread} | {f} | {'; '.join(p) or '—'} | {goal} | {met} |")


w("## Whole corpus")
w("")
for kind in ("md", "html"):
    for line in open(os.path.join(raw, "MANIFEST.txt")):
        if line.startswith(kind + ":"):
            w(f"- {line.strip()}")
w("")
w("| command | median | ÷ floor (same part and threads) | peer's time ÷ this | target | met? |")
w("|---|---|---|---|---|---|")
peer_cols = [("markdownlint-cli2 md", "markdownlint-cli2"),
             ("markdownlint-cli2 md (the rule only)", "markdownlint-cli2 (the rule only)"),
             ("rumdl md", "rumdl")]
for part in parts:
    for j in (1, 2):
        r = ratio(med(f"check {part} -j{j}"), med(f"floor {part} -j{j}"))
        row(f"check {part} -j{j}", f"floor {part} -j{j}",
            peer_cols if part == "md" else None, "≤ 1.25× floor",
            "—" if r is None else ("yes" if r <= 1.25 else "**no**"))
for part in parts:
    for j in (1, 2):
        row(f"floor {part} -j{j}", f"floor {part} -j{j}")
row("check md (default -j)", "floor md (default -j)", peer_cols)
row("floor md (default -j)", "floor md (default -j)")
row("rumdl md", "floor md (default -j)", goal="citelint ≥ 5× faster")
row("markdownlint-cli2 md", "floor md (default -j)", goal="citelint ≥ 100× faster")
row("markdownlint-cli2 md (the rule only)", "floor md (default -j)")
w("")
w("Threads (1 → 2):")
w("")
w("| part | check -j1 / -j2 | floor -j1 / -j2 |")
w("|---|---|---|")
for part in parts:
    w(f"| {part} | {fmt_ratio(ratio(med(f'check {part} -j1'), med(f'check {part} -j2')))} | "
      f"{fmt_ratio(ratio(med(f'floor {part} -j1'), med(f'floor {part} -j2')))} |")
w("")

w("## Single files, end to end")
w("")
w("| command | median | ratio to the floor | target | met? |")
w("|---|---|---|---|---|")
for label, floor_label, goal in (("check one.md", "floor one.md", "≤ 5 ms"),
                                 ("check unlinked.md", "floor one.md", ""),
                                 ("check one.html", "floor one.html", "")):
    r = results.get(label)
    if r is None:
        continue
    met = ("yes" if r["median"] <= 0.005 else "**no**") if goal else ""
    w(f"| {label} | {fmt_time(r['median'])} ± {fmt_time(r['stddev'])} | "
      f"{fmt_ratio(ratio(r['median'], med(floor_label)))} | {goal} | {met} |")
for label in ("floor one.md", "floor one.html"):
    if label in results:
        w(f"| {label} | {fmt_time(med(label))} ± {fmt_time(results[label]['stddev'])} | — | | |")
w("")
for line in open(os.path.join(raw, "MANIFEST.txt")):
    if line.startswith("single/"):
        w(f"- {line.strip()}")
w("- single/unlinked.md: single/one.md with its links to the source turned into their text, "
  "so that its rules need the citation search and its cue patterns")
w("")

w("## Peak memory")
w("")
w("`/usr/bin/time -v`, maximum resident set size, one run each.")
w("")
w("| command | peak RSS | target | met? |")
w("|---|---|---|---|")
for label, (kb, _) in rss.items():
    is_check = label.startswith("check ")
    met = "—" if kb is None or not is_check else ("yes" if kb <= 64 * 1024 else "**no**")
    w(f"| {label} | {'—' if kb is None else f'{kb / 1024:.1f} MB'} | "
      f"{'≤ 64 MB' if is_check else ''} | {met if is_check else ''} |")
w("")

w("## When few documents cite the source")
w("")
w("The same corpus shape with `--cite-share 0.1`: only 10% of the documents cite Ukrinform. "
  "How much more than reading the files does the whole check cost?")
w("")
for kind in ("md", "html"):
    for line in open(os.path.join(raw, "MANIFEST-cite10.txt")):
        if line.startswith(kind + ":"):
            w(f"- {line.strip()}")
w("")
w("| command | median | ratio to reading (same threads) | ratio to `cat` |")
w("|---|---|---|---|")
for label, read_label in (("check all -j1 (10% cite)", "read-only all -j1 (10% cite)"),
                          ("check all -j2 (10% cite)", "read-only all -j2 (10% cite)"),
                          ("floor all -j2 (10% cite)", "read-only all -j2 (10% cite)"),
                          ("read-only all -j1 (10% cite)", None),
                          ("read-only all -j2 (10% cite)", None),
                          ("cat all (10% cite)", None)):
    if label in results:
        w(f"| {label} | {fmt_time(med(label))} | "
          f"{fmt_ratio(ratio(med(label), med(read_label))) if read_label else '—'} | "
          f"{fmt_ratio(ratio(med(label), med('cat all (10% cite)')))} |")
w("")

w("## Peers")
w("")
for name in ("markdownlint-cli2", "rumdl"):
    status, detail = peers.get(name, ("skipped", "not run"))
    w(f"- **{name}**: {'measured, ' + detail if status == 'ok' else 'not measured: ' + detail}")
w("")
w("markdownlint-cli2 runs `scripts/markdownlint/ukrinform-first-paragraph-link.cjs` (a "
  "document naming Ukrinform needs a Ukrinform link in or above its first paragraph) beside "
  "its own default rules (`scripts/markdownlint/bench-defaults.markdownlint-cli2.jsonc`), as "
  "a repository that adopts the rule runs it; the target is judged on that run. The issue's "
  "anchor (68 s for 0.22.1, the version NOTES.md names) matches that configuration, not the "
  "custom rule alone, which the row `markdownlint-cli2 md (the rule only)` times "
  "(`scripts/markdownlint/bench.markdownlint-cli2.jsonc`, built-in rules off) for comparison. "
  "rumdl runs its default rules with no cache and no configuration file. Both on the Markdown "
  "part only, at their default parallelism, compared with `citelint check md` at its default.")
w("")

if os.path.exists(notes):
    w(open(notes).read().rstrip())
    w("")

w("## Machine and versions")
w("")
for key, name in (("nproc", "cores (nproc)"), ("cpu", "CPU"), ("memory", "memory"),
                  ("kernel", "kernel"), ("os", "OS"), ("load", "load average at the end"),
                  ("rustc", "rustc"), ("citelint", "citelint"), ("commit", "commit"),
                  ("hyperfine", "hyperfine"), ("python", "Python (corpus)"), ("node", "Node.js")):
    w(f"- {name}: {meta.get(key) or '—'}")
for name in ("markdownlint-cli2", "rumdl"):
    status, detail = peers.get(name, ("skipped", ""))
    w(f"- {name}: {detail if status == 'ok' else 'not installed'}")
gen_args = (" " + meta["corpus_args"]) if meta.get("corpus_args") else ""
w(f"- corpus: `python3 scripts/gen_corpus.py $CORPUS{gen_args}`, and the same with "
  "`--cite-share 0.1` for `$CORPUS_CITE10`; its manifest:")
w("")
w("```text")
w(open(os.path.join(raw, "MANIFEST.txt")).read().rstrip())
w("```")
w("")

w("## Exact commands")
w("")
subs = [(meta["citelint_bin"], "$CITELINT"), (meta["floor_bin"], "$FLOOR")]
if meta.get("mdl_bin"):
    subs.append((meta["mdl_bin"], "$MARKDOWNLINT_CLI2"))
if meta.get("rumdl_bin"):
    subs.append((meta["rumdl_bin"], "$RUMDL"))
subs.append((meta["repo"], "$REPO"))
subs.append((meta["cite10"], "$CORPUS_CITE10"))
subs.append((meta["corpus"], "$CORPUS"))


def short(text):
    for long, name in subs:
        if long:
            text = text.replace(long, name)
    return text


w("Each runs in the corpus directory shown; hyperfine with `--style basic -i` "
  "(citelint and the linters exit 1 on findings), `-N` except for `cat`.")
w("")
for long, name in subs:
    if long:
        w(f"- `{name}` = `{long}`")
w("")
w("```sh")
for group, label, command, cwd in commands:
    codes = ", ".join(map(str, results[label]["exit"])) if label in results else "not run"
    w(f"# {label}  (in {short(cwd)}; exit status {codes})")
    w(short(command))
w("# peak RSS: /usr/bin/time -v COMMAND, in $CORPUS")
for label, (_, command) in rss.items():
    w(short(command))
w("```")
w("")

with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(lines))
print(f"wrote {out}")
PY
