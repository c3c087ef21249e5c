#!/usr/bin/env bash
# Every issue-6 command on the whole of ToTA through the real CLI; wall time and peak memory of each.
#   bash bench/bench_tota_cli.sh [TOTA_XML_DIR] [WORK_DIR] [YAML_DIR]
# ToTA (CC BY-NC 4.0) is read where it lies; its YAML goes to WORK_DIR (default /tmp/tota-yaml-bench),
# never into this repository. Output: one line per command, then a few result lines.
set -u
XML=${1:-/tmp/tota/xml}
WORK=${2:-/tmp/tota-yaml-bench}
YAML=${3:-$WORK/yaml}  # imported here first unless it exists
mkdir -p "$WORK"
run() {  # run NAME CMD...: time it, keep stdout/stderr, flag tracebacks
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
  local rc=$?
  read -r secs kb <"$WORK/$name.time"
  local tb=no; grep -q Traceback "$WORK/$name.err" && tb=YES
  printf '| %s | `%s` | %s s | %s MB | exit %s | traceback %s |\n' \
    "$name" "$*" "$secs" "$((kb / 1024))" "$rc" "$tb"
}
[ -d "$YAML" ] || run import treatycmp import --from tota "$XML" -o "$YAML"
# EU - Albania is tota-pta-11, EU - Serbia tota-pta-402 (ToTA v0.5.0 numbering).
cat >"$WORK/expect.yaml" <<YAML
level: article
expectations:
  - similarity(tota-pta-11, tota-pta-402) >= 0.5
  - tota-pta-11:1 aligns with tota-pta-402:1
  - tota-pta-11:1 lacks un-charter-51
YAML
run validate treatycmp validate "$YAML"
run list treatycmp list --corpus "$YAML"
run matrix treatycmp matrix --corpus "$YAML" -f csv
run nearest-clause treatycmp nearest --corpus "$YAML" --level article --other-treaties -k 5 tota-pta-11:1
run nearest-text treatycmp nearest --corpus "$YAML" -k 5 \
  "The Parties shall cooperate in the field of customs with a view to simplifying procedures"
run check treatycmp check "$WORK/expect.yaml" --corpus "$YAML"
echo; head -8 "$WORK/nearest-clause.out"; echo; cat "$WORK/check.out" "$WORK/check.err" | head -8
