#!/usr/bin/env bash
# Long reliability runs on the release binary, not part of CI (minutes, needs root for the
# full-disk part). Each part prints one line of figures; the script fails if any part found
# a lost acknowledged call, a half import, a failed writer, a damaged file or a panic.
#
#   scripts/reliability.sh            # defaults below
#   KILLS=2000 IMPORT_KILLS=100 WRITERS=20 ROUNDS=30 FUZZ_RUNS=10 scripts/reliability.sh
#
# Parts: kill -9 during `log`; kill -9 during `import`; WRITERS processes writing every
# kind of change at once; a full disk (a small tmpfs, when mount is allowed); repeated runs
# of the importers' and the date parser's property tests (new random cases each run).
set -uo pipefail
cd "$(dirname "$0")/.."

KILLS=${KILLS:-300}
IMPORT_KILLS=${IMPORT_KILLS:-30}
WRITERS=${WRITERS:-20}
ROUNDS=${ROUNDS:-10}
FUZZ_RUNS=${FUZZ_RUNS:-3}

cargo build --release -q || exit 1
BIN=$PWD/target/release/calldeck
WORK=$(mktemp -d)
trap 'umount "$WORK/full" 2>/dev/null; rm -rf "$WORK"' EXIT
export CALLDECK_NOW=2026-11-26T10:00:00+08:00 CALLDECK_CONFIG=
FAILED=0
fail() { echo "FAIL: $*"; FAILED=1; }

count_rows() { # table, db
  "$BIN" --db "$2" check | awk -v t="$1" '$1 == t { print $2 }'
}

integrity() { # db
  "$BIN" --db "$1" check >/dev/null 2>&1 || fail "check reports problems in $1"
}

# --- kill -9 during log -------------------------------------------------------------
DB=$WORK/kill.db
"$BIN" --db "$DB" demo --no-tui --reps 1 --customers 400 --days 10 >/dev/null
IDS=($("$BIN" --db "$DB" today --format csv | awk -F, 'NR > 1 { print $2 }'))
acked=0
: > "$WORK/acked"
for ((i = 0; i < KILLS; i++)); do
  id=${IDS[$((i % ${#IDS[@]}))]}
  # A kill can land before the child opens its output: never read the last run's.
  rm -f "$WORK/out"
  "$BIN" --db "$DB" log "$id" --outcome no_answer --note "kill-$i" >"$WORK/out" 2>&1 &
  pid=$!
  # Most runs take 5-20 ms: kill somewhere inside that, or just after.
  sleep "0.0$(printf %02d $((RANDOM % 25)))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if grep -qs '^Logged' "$WORK/out"; then acked=$((acked + 1)); echo "kill-$i" >>"$WORK/acked"; fi
done
"$BIN" --db "$DB" export calls --format json >"$WORK/calls.json"
missing=$(python3 - "$WORK/calls.json" "$WORK/acked" <<'PY'
import json, sys
notes = {c.get("note") for c in json.load(open(sys.argv[1]))}
acked = [l.strip() for l in open(sys.argv[2]) if l.strip()]
print(sum(1 for a in acked if a not in notes))
PY
)
integrity "$DB"
[ "$missing" = 0 ] || fail "$missing acknowledged calls lost"
echo "kill -9 during log: $KILLS runs, $acked acknowledged, $((KILLS - acked)) killed before acknowledging, $missing acknowledged calls lost"

# --- kill -9 during import ----------------------------------------------------------
DB=$WORK/import.db
"$BIN" --db "$DB" demo --no-tui --reps 1 --customers 200 --days 5 >/dev/null
whole=0; none=0; half=0
for ((i = 0; i < IMPORT_KILLS; i++)); do
  csv=$WORK/import-$i.csv
  { echo "name,phone,company"
    for ((r = 0; r < 3000; r++)); do echo "Trial $i row $r,+86 139 $(printf %04d $i) $(printf %04d $r),Co $r"; done
  } >"$csv"
  before=$(count_rows customers "$DB")
  "$BIN" --db "$DB" --rep Alice import "$csv" >/dev/null 2>&1 &
  pid=$!
  sleep "0.$((RANDOM % 6))$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  after=$(count_rows customers "$DB")
  case $((after - before)) in
    0) none=$((none + 1)) ;;
    3000) whole=$((whole + 1)) ;;
    *) half=$((half + 1)); fail "import trial $i left $((after - before)) of 3000 rows" ;;
  esac
done
integrity "$DB"
echo "kill -9 during import: $IMPORT_KILLS runs, $whole whole, $none nothing, $half partial"

# --- concurrent writers of every kind -----------------------------------------------
DB=$WORK/team.db
"$BIN" --db "$DB" demo --no-tui --reps 4 --customers 600 --days 30 >/dev/null
REPS=(Alice Bruno Chen Dana)
for rep in "${REPS[@]}"; do
  "$BIN" --db "$DB" --rep "$rep" export customers --format json >"$WORK/$rep.json"
done
start=$(date +%s.%N)
for ((w = 0; w < WRITERS; w++)); do
  (
    rep=${REPS[$((w % 4))]}
    other=${REPS[$(((w + 1) % 4))]}
    slot=$((w / 4))
    mine=($(python3 - "$WORK/$rep.json" "$rep" "$slot" <<'PY'
import json, sys
rows = [c for c in json.load(open(sys.argv[1])) if c.get("owner") == sys.argv[2] and c.get("status") == "active"]
slot = int(sys.argv[3])
print(" ".join(str(c["id"]) for c in rows[slot * 60:(slot + 1) * 60]))
PY
))
    fails=0; ops=0
    for ((r = 0; r < ROUNDS; r++)); do
      c=${mine[$r]}; moved=${mine[$((30 + r))]}
      printf 'name,phone\nW%s R%s,+86 137 %04d %04d\n' "$w" "$r" "$w" "$r" >"$WORK/w$w.csv"
      for args in "log $c --outcome no_answer" "edit $c --note round-$r" "pin $c --date tomorrow" \
                  "log $c --outcome busy" "undo" "today --replan" "import $WORK/w$w.csv" \
                  "assign $moved --to $other" "today"; do
        ops=$((ops + 1))
        # shellcheck disable=SC2086
        if ! "$BIN" --db "$DB" --rep "$rep" $args >/dev/null 2>>"$WORK/writer-errors"; then fails=$((fails + 1)); fi
      done
    done
    echo "$ops $fails" >"$WORK/writer-$w"
  ) &
done
wait
secs=$(echo "$(date +%s.%N) - $start" | bc)
ops=$(cat "$WORK"/writer-* | awk '{ s += $1 } END { print s }')
fails=$(cat "$WORK"/writer-* | awk '{ s += $2 } END { print s }')
integrity "$DB"
[ "$fails" = 0 ] || fail "$fails writes failed: $(sort "$WORK/writer-errors" | uniq -c | sort -rn | head -3)"
echo "concurrent writers: $WRITERS processes, $ops writes of 9 kinds in ${secs}s, $fails failed"

# --- a full disk --------------------------------------------------------------------
mkdir -p "$WORK/full"
if mount -t tmpfs -o size=6m tmpfs "$WORK/full" 2>/dev/null; then
  DB=$WORK/full/full.db
  "$BIN" --db "$DB" demo --no-tui --reps 1 --customers 150 --days 10 >/dev/null
  IDS=($("$BIN" --db "$DB" today --format csv | awk -F, 'NR > 1 { print $2 }'))
  # Leave about 200 KB: some calls fit, then the disk is full.
  dd if=/dev/zero of="$WORK/full/fill" bs=4k count=$(( $(df -k --output=avail "$WORK/full" | tail -1) / 4 - 50 )) 2>/dev/null
  acked=0; refused=0; : >"$WORK/acked"; : >"$WORK/full-errors"
  for ((i = 0; i < 400; i++)); do
    id=${IDS[$((i % ${#IDS[@]}))]}
    if out=$("$BIN" --db "$DB" log "$id" --outcome no_answer --note "full-$i" 2>>"$WORK/full-errors"); then
      acked=$((acked + 1)); echo "full-$i" >>"$WORK/acked"
    else
      refused=$((refused + 1))
    fi
  done
  "$BIN" --db "$DB" backup "$WORK/full/b.db" >/dev/null 2>>"$WORK/full-errors"
  left=$(ls -A "$WORK/full" | grep -c '^\.' || true)
  rm -f "$WORK/full/fill"
  integrity "$DB"
  "$BIN" --db "$DB" export calls --format json >"$WORK/calls.json"
  missing=$(python3 - "$WORK/calls.json" "$WORK/acked" <<'PY'
import json, sys
notes = {c.get("note") for c in json.load(open(sys.argv[1]))}
print(sum(1 for l in open(sys.argv[2]) if l.strip() and l.strip() not in notes))
PY
)
  [ "$missing" = 0 ] || fail "$missing acknowledged calls lost on the full disk"
  [ "$left" = 0 ] || fail "$left temporary files left on the full disk"
  multi=$(awk 'length($0) == 0' "$WORK/full-errors" | wc -l)
  echo "full disk (tmpfs 6 MB): $acked logged, $refused refused, $missing lost, $left temporary files left; messages:"
  sort "$WORK/full-errors" | sed -E 's/[0-9]+/N/g' | uniq -c | sort -rn | head -4
  umount "$WORK/full"
else
  echo "full disk: skipped (cannot mount a tmpfs here; the store tests cover PRAGMA max_page_count)"
fi

# --- fuzz: importers and the date parser --------------------------------------------
fuzz_fail=0
for ((i = 0; i < FUZZ_RUNS; i++)); do
  cargo test -q --test import_safety --test dates_edge >"$WORK/fuzz.log" 2>&1 || { fuzz_fail=$((fuzz_fail + 1)); tail -20 "$WORK/fuzz.log"; }
done
[ "$fuzz_fail" = 0 ] || fail "$fuzz_fail fuzz runs failed"
echo "fuzz: $FUZZ_RUNS runs of the importer and date property tests, $fuzz_fail failed"

exit $FAILED
