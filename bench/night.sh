#!/usr/bin/env bash
# The nightly transfer at the size of a city, on the Release build: a new database seeded with
# N families of two children asking the meal and the evening care of every open day of next
# month (Demo:NightFamilies: about 64 requests a family, 1,280,000 for 20,000 families), both
# activities decided automatically, capacities that confirm some and waitlist others. An agent
# starts the transfer from the Transferts page and the script times it; then it checks in the
# database that every request was sent and decided, with one history line per move, that no
# day holds more children than its capacity and that its count of places matches, and that
# each family got one email.
# SQLite by default, PostgreSQL with BENCH_POSTGRES="Host=...;Username=...;Password=...;Database=...".
#
#   bash bench/night.sh [families]      (20000 by default)
#   KEEP=/tmp/night.db bash bench/night.sh 20000; SEEDED=/tmp/night.db bash bench/night.sh 20000
#   AFTER=/tmp/after.db …  keeps the SQLite database as the night left it, to read its queries' plans
#   LOGCOPY=/tmp/server.log …  keeps the portal's log (with
#     Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information: each statement's time)
set -euo pipefail
cd "$(dirname "$0")/.."

families=${1:-20000}
port=5098
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

source bench/portal.sh
export Demo__Seed=true Demo__Reservations=false Demo__NightFamilies=$families Transfer__Cron=off
# The transfer logs the duration of each of its steps.
export Logging__LogLevel__PortailFamille=Information

# SEEDED=file.db (SQLite): start from a copy of a database this script seeded before
# (KEEP=file.db keeps one), to time the night again without seeding the city again.
if [ -n "${SEEDED:-}" ]; then
  cp "$SEEDED" "$work/portail.db"
  export Demo__Seed=false
fi

start=$(date +%s)
start_portal
if [ -n "${KEEP:-}" ]; then
  # SQLite's own copy, consistent while the portal's jobs write.
  sqlite3 "$work/portail.db" ".backup '$KEEP'"
fi
echo "Portal started with $families families on $database in $(( $(date +%s) - start )) s (seeding included)"
analyze_postgres

requested=$(sql "SELECT COUNT(*) FROM \"Reservations\" WHERE \"State\" = 1")
echo "Requests waiting for the night: $requested"

# The agent starts the transfer by hand, as on the page; the page answers once it has run.
cookie=$(sign_in /gestion/connexion agent@portail.example 'Demo-Agent-2026!')
token=$(curl -s -H "Cookie: $cookie" "$base/gestion/reservations/transferts" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n1)
rss_before=$(awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$server/status")
elapsed=$(curl -s -o /dev/null -w '%{time_total}' --max-time 3600 -H "Cookie: $cookie" \
  --data-urlencode "__RequestVerificationToken=$token" "$base/gestion/reservations/transferts?handler=Run")
printf 'Transfer of %s requests: %.1f s (the agent'"'"'s request, start to answer)\n' "$requested" "$elapsed"
grep -o 'sent in [0-9]* ms, decided in [0-9]* ms, families told in [0-9]* ms' "$work/server.log" | tail -n1 | sed 's/^/Steps: /' || true
echo "Server memory: $rss_before MB before, peak $(awk '/VmHWM/ { printf "%d MB", $2 / 1024 }' "/proc/$server/status")"

# What the run says of itself, and what the database holds.
echo "Run: $(sql "SELECT \"RequestsSent\" || ' sent, ' || \"Confirmed\" || ' confirmed, ' || \"Waitlisted\" || ' waitlisted, ' || \"Refused\" || ' refused, ' || \"FamiliesNotified\" || ' families told' FROM \"TransferRuns\" WHERE \"FinishedAt\" IS NOT NULL")"
if [ -z "$(sql "SELECT 1 FROM \"TransferRuns\" WHERE \"FinishedAt\" IS NOT NULL")" ]; then
  echo "The run did not finish; the portal's log says:" >&2
  grep -m1 -A12 '^fail' "$work/server.log" >&2 || true
fi
left=$(sql "SELECT COUNT(*) FROM \"Reservations\" WHERE \"State\" IN (1, 2)")
confirmed=$(sql "SELECT COUNT(*) FROM \"Reservations\" WHERE \"State\" = 3")
waitlisted=$(sql "SELECT COUNT(*) FROM \"Reservations\" WHERE \"State\" = 4")
lines=$(sql "SELECT COUNT(*) FROM \"ReservationChanges\"")
odd=$(sql "SELECT COUNT(*) FROM (SELECT \"ReservationId\" FROM \"ReservationChanges\" GROUP BY \"ReservationId\" HAVING COUNT(*) <> 2) x")
over=$(sql "SELECT COUNT(*) FROM (SELECT r.\"ActivityId\", r.\"UnitId\", r.\"Date\", COUNT(*) AS n FROM \"Reservations\" r WHERE r.\"State\" = 3 GROUP BY r.\"ActivityId\", r.\"UnitId\", r.\"Date\") d LEFT JOIN \"UnitDayPlaces\" p ON p.\"ActivityId\" = d.\"ActivityId\" AND p.\"UnitId\" = d.\"UnitId\" AND p.\"Date\" = d.\"Date\" JOIN \"ActivityUnit\" u ON u.\"Id\" = d.\"UnitId\" WHERE d.n > u.\"Capacity\" OR p.\"Taken\" IS NULL OR p.\"Taken\" <> d.n")
mails=$(sql "SELECT COUNT(*) FROM \"OutboxMails\" WHERE \"To\" LIKE 'nuit%'")
told=$(sql "SELECT COUNT(DISTINCT \"To\") FROM \"OutboxMails\" WHERE \"To\" LIKE 'nuit%'")
echo "Checked in the database: $confirmed confirmed, $waitlisted waitlisted, $left still waiting, $lines history lines ($odd cells without exactly two), $over days over capacity or miscounted, $mails emails to $told families"
if [ -n "${LOGCOPY:-}" ]; then cp "$work/server.log" "$LOGCOPY"; fi
if [ -n "${AFTER:-}" ] && [ -z "${BENCH_POSTGRES:-}" ]; then
  sqlite3 "$work/portail.db" ".backup '$AFTER'"
fi
fail=0
[ "$left" = 0 ] || { echo "FAILED: requests left undecided" >&2; fail=1; }
[ "$(( confirmed + waitlisted ))" = "$requested" ] || { echo "FAILED: decided cells differ from the requests" >&2; fail=1; }
[ "$lines" = "$(( 2 * requested ))" ] && [ "$odd" = 0 ] || { echo "FAILED: expected one line for the sending and one for the decision of each request" >&2; fail=1; }
[ "$over" = 0 ] || { echo "FAILED: capacity passed or places miscounted" >&2; fail=1; }
[ "$mails" = "$families" ] && [ "$told" = "$families" ] || { echo "FAILED: expected one email per family" >&2; fail=1; }
exit $fail
