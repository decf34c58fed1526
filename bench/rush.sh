#!/usr/bin/env bash
# Registration day: FAMILIES families of the demo's rush seeding (each its account, its child,
# a validated canteen registration) sign in through the form, then all at once open Mes
# réservations on the month after next and click the same days, for SECONDS per phase; the
# tool (bench/Rush) prints requests per second and latencies per phase, beside GET /health
# measured in the same run. Afterwards the database must hold every answered click exactly as
# answered: each clicked cell in its last answered state, with one history line per saved click.
# The portal's resident memory is sampled every half second. SQLite by default, PostgreSQL with
# BENCH_POSTGRES="Host=...;Username=...;Password=...;Database=..." (a new database).
# FLOOR=path/to/floor.sh also runs the bare ASP.NET Core floor (8 connections) after the portal.
#
#   bash bench/rush.sh [families=500] [seconds=10]
set -euo pipefail
cd "$(dirname "$0")/.."

families=${1:-500}
seconds=${2:-10}
port=5097
work=$(mktemp -d)
trap 'kill "$server" "$sampler" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
sampler=

source bench/portal.sh
export Demo__Seed=true Demo__Reservations=false Demo__RushFamilies=$families Transfer__Cron=off
export RateLimiting__SignInPerMinute=1000000
dotnet build bench/Rush -c Release -v quiet -nologo >/dev/null

start=$(date +%s)
start_portal
echo "Portal started with $families rush families on $database in $(( $(date +%s) - start )) s"
analyze_postgres

# The portal's resident memory, in MB, every half second.
( while kill -0 "$server" 2>/dev/null; do awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$server/status" 2>/dev/null; sleep 0.5; done ) >"$work/rss" &
sampler=$!

# The same reference through wrk, the floor's own load tool (FLOOR below), for its ratios.
report_header
report "GET /health (reference, wrk), 16 connections" "$(wrk -t2 -c16 -d"${seconds}s" --latency "$base/health")"
echo

month=$(date -d "$(date +%Y-%m-15) +2 month" +%Y-%m)
status=0
dotnet bench/Rush/bin/Release/net10.0/Rush.dll "$base" "$families" "$seconds" "$month" "$work/expected.tsv" || status=$?
echo "Portal's resident memory: peak $(sort -n "$work/rss" | tail -n1) MB, at start $(head -n1 "$work/rss") MB"

# Every answered click, in the database: the cells clicked, in their last answered state, with
# as many history lines as saved clicks; no other cell of the month touched.
from="$month-01"
to=$(date -d "$from +1 month" +%Y-%m-%d)
sql "SELECT r.\"RegistrationId\", r.\"UnitId\", r.\"Date\", r.\"State\", (SELECT count(*) FROM \"ReservationChanges\" h WHERE h.\"ReservationId\" = r.\"Id\")
     FROM \"Reservations\" r WHERE r.\"Date\" >= '$from' AND r.\"Date\" < '$to'" |
  tr 'A-Z' 'a-z' | sort >"$work/actual"
tr '\t' '|' <"$work/expected.tsv" | tr 'A-Z' 'a-z' | sort >"$work/expected"
expected=$(wc -l <"$work/expected")
missing=$(comm -23 "$work/expected" "$work/actual" | wc -l)
extra=$(comm -13 "$work/expected" "$work/actual" | wc -l)
echo "Database check: $expected cells clicked and saved; $missing differ from what was answered or are missing; $extra in the database that no answer accounts for"
if [ "$missing" -ne 0 ] || [ "$extra" -ne 0 ]; then
  comm -3 "$work/expected" "$work/actual" | head -n 10
  status=1
fi

if [ -n "${FLOOR:-}" ]; then
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  bash "$FLOOR" 8 "$seconds"
fi

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB; the tool and the portal share the cores."
exit "$status"
