#!/usr/bin/env bash
# A call centre against one PostgreSQL database (run by hand; not part of `cargo test`).
#
# REPS sessions at once (default 200, two per demo rep), each opening its day, then
# logging a call every INTERVAL seconds (default 3, jittered) with the demo's outcome mix,
# now and then reopening a card (`show`) or searching its list (`today --format json`);
# LEADS leads (default 5) run the team's weekly report and funnel in a loop. After
# DURATION seconds (default 120) it prints p50/p99 of recording a call (the whole `calldeck
# log` command: start, connect, transaction, exit), the errors, the calls lost (logged as
# saved but not in the database) and the rate sustained.
#
#   PG=postgres://postgres@127.0.0.1:5432/postgres scripts/pg_load.sh
#
# PG is a server address whose role may create databases; a database calldeck_load is
# made (and dropped at the end) there. The release binary is built first.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${PG:?set PG to a PostgreSQL server address, e.g. postgres://postgres@127.0.0.1:5432/postgres}"
REPS="${REPS:-200}"
LEADS="${LEADS:-5}"
INTERVAL="${INTERVAL:-3}"
DURATION="${DURATION:-120}"
CUSTOMERS="${CUSTOMERS:-1000}"

cargo build --release -q
BIN="$PWD/target/release/calldeck"
WORK="$(mktemp -d)"
DB="${PG%/*}/calldeck_load"
cleanup() {
  jobs -p | xargs -r kill 2>/dev/null || true
  psql "$PG" -qc "DROP DATABASE IF EXISTS calldeck_load WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

psql "$PG" -qc "DROP DATABASE IF EXISTS calldeck_load WITH (FORCE)" -c "CREATE DATABASE calldeck_load" >/dev/null
: >"$WORK/config.toml"
export CALLDECK_DB="$DB" CALLDECK_CONFIG="$WORK/config.toml"
NAMES_REPS=$(( REPS < 100 ? REPS : 100 ))
echo "building the team: $NAMES_REPS reps x $CUSTOMERS customers, 5 days of history"
"$BIN" demo --no-tui --reps "$NAMES_REPS" --customers "$CUSTOMERS" --days 5 >/dev/null
mapfile -t NAMES < <(psql "$DB" -tAc "SELECT name FROM reps WHERE role = 'rep' ORDER BY id")
BEFORE=$(psql "$DB" -tAc "SELECT count(*) FROM calls")

OUTCOMES=(no_answer no_answer no_answer no_answer busy busy reached reached sent_info contract_sent)

session() {
  local n="$1" rep="${NAMES[$(( $1 % ${#NAMES[@]} ))]}" end=$(( $(date +%s) + DURATION ))
  local ids out="$WORK/s$n"
  "$BIN" --rep "$rep" today --format json >/dev/null 2>>"$out.err" || echo "open" >>"$out.fail"
  mapfile -t ids < <(psql "$DB" -tAc "SELECT c.id FROM customers c JOIN reps r ON r.id = c.owner_id
      WHERE r.name = '$rep' AND c.status = 'active' ORDER BY c.id")
  while [ "$(date +%s)" -lt "$end" ]; do
    sleep "$(( INTERVAL - 1 )).$(( RANDOM % 1000 ))"
    local id="${ids[$(( RANDOM % ${#ids[@]} ))]}" o="${OUTCOMES[$(( RANDOM % ${#OUTCOMES[@]} ))]}"
    if [ $(( RANDOM % 10 )) -eq 0 ]; then
      "$BIN" --rep "$rep" show "$id" >/dev/null 2>>"$out.err" || echo "show" >>"$out.fail"
    fi
    local t0 t1
    t0=$(date +%s%N)
    if "$BIN" --rep "$rep" log "$id" --outcome "$o" --yes >/dev/null 2>>"$out.err"; then
      t1=$(date +%s%N)
      echo $(( (t1 - t0) / 1000 )) >>"$out.lat"
    else
      echo "log" >>"$out.fail"
    fi
  done
}

lead() {
  local end=$(( $(date +%s) + DURATION )) out="$WORK/l$1"
  while [ "$(date +%s)" -lt "$end" ]; do
    "$BIN" --rep lead report weekly --team --format json >/dev/null 2>>"$out.err" || echo "report" >>"$out.fail"
    "$BIN" --rep lead funnel --team --format json >/dev/null 2>>"$out.err" || echo "funnel" >>"$out.fail"
    sleep 1
  done
}

echo "running $REPS rep sessions and $LEADS leads for ${DURATION}s"
START=$(date +%s)
for n in $(seq 0 $(( REPS - 1 ))); do session "$n" & done
for n in $(seq 1 "$LEADS"); do lead "$n" & done
wait
ELAPSED=$(( $(date +%s) - START ))

AFTER=$(psql "$DB" -tAc "SELECT count(*) FROM calls")
SAVED=$( (cat "$WORK"/s*.lat 2>/dev/null || true) | wc -l)
ERRORS=$( (cat "$WORK"/*.fail 2>/dev/null || true) | wc -l)
LOST=$(( SAVED - (AFTER - BEFORE) ))
(cat "$WORK"/s*.lat 2>/dev/null || true) | sort -n >"$WORK/all.lat"
pct() { awk -v p="$1" '{a[NR]=$1} END {if (NR==0) {print "n/a"; exit} i=int(NR*p/100); if (i<1) i=1; printf "%.1f ms\n", a[i]/1000}' "$WORK/all.lat"; }
echo "calls saved: $SAVED in ${ELAPSED}s ($(awk -v n="$SAVED" -v s="$ELAPSED" 'BEGIN {printf "%.1f", n/s}') calls/s)"
echo "record a call (calldeck log): p50 $(pct 50), p99 $(pct 99)"
echo "errors: $ERRORS"
echo "calls lost: $LOST"
if [ "$ERRORS" -gt 0 ]; then
  echo "first errors:"; (cat "$WORK"/*.err || true) | sort | uniq -c | sort -rn | head -5
fi
