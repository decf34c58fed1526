#!/usr/bin/env bash
# Monthly invoicing at the size of a city, on the Release build: a new database seeded with
# N families of two children, each registered to the canteen, the périscolaire and the
# Wednesday ALSH, every open day of last month confirmed and marked (Demo:BillingFamilies);
# then an agent previews last month and issues it, as on the Facturation page, and the script
# follows the background run until it ends. Afterwards it checks in the database that every
# family got one invoice, that no confirmed day of the month is left unbilled, and that the
# days on the invoices are the confirmed days minus the justified absences.
# SQLite by default, PostgreSQL with BENCH_POSTGRES="Host=...;Username=...;Password=...;Database=...".
#
#   bash bench/invoicing.sh [families]      (20000 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

families=${1:-20000}
port=5097
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

source bench/portal.sh
export Demo__Seed=true Demo__Reservations=false Demo__BillingFamilies=$families Transfer__Cron=off

start=$(date +%s)
start_portal
echo "Portal started with $families families to invoice on $database in $(( $(date +%s) - start )) s (seeding included)"

# A city's month was just written at once.
analyze_postgres

cookie=$(sign_in /gestion/connexion agent@portail.example 'Demo-Agent-2026!')
month=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
first="$month-01"
next=$(date -d "$first +1 month" +%Y-%m-%d)

# The preview, as the page computes it (every family, nothing written).
preview_time=$(curl -s -o "$work/preview.html" -w '%{time_total}' -H "Cookie: $cookie" "$base/gestion/facturation?mois=$month&apercu=true")
to_issue=$(grep -o 'Factures à émettre : <strong>[^<]*</strong>' "$work/preview.html" | sed 's/.*<strong>\([^<]*\)<.*/\1/' | sed 's/&#xA0;//g' | tr -d ' \302\240')
[ -n "$to_issue" ] || { echo "The preview shows no invoice to issue:" >&2; head -c 3000 "$work/preview.html" >&2; exit 1; }
printf 'Preview of %s: %s invoices to issue, %.1f s\n' "$month" "$to_issue" "$preview_time"

# Issue: the form of the preview, then follow the run's progress until it ends.
token=$(sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' "$work/preview.html" | head -n1)
started=$(date +%s.%N)
location=$(curl -s -o /dev/null -w '%{redirect_url}' -H "Cookie: $cookie" \
  --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "mois=$month" \
  "$base/gestion/facturation?handler=Issue")
run=${location##*/}
[[ "$run" =~ ^[0-9a-f-]{36}$ ]] || { echo "Issuing was refused (answer: $location)" >&2; exit 1; }
while true; do
  progress=$(curl -s -H "Cookie: $cookie" "$base/gestion/facturation/$run?handler=Progress")
  grep -q '"working":false' <<<"$progress" && break
  sleep 0.5
done
ended=$(date +%s.%N)
printf 'Issued %s in %.1f s (%s)\n' "$month" "$(echo "$ended - $started" | bc)" "$(sed 's/.*"text":"\([^"]*\)".*/\1/; s/\\u00A0/ /g; s/\\u00E9/é/g' <<<"$progress")"
echo "Server peak memory: $(awk '/VmHWM/ { printf "%d MB", $2 / 1024 }' "/proc/$server/status")"

# What happened, counted in the database.
invoices=$(sql "SELECT COUNT(*) FROM \"Invoices\" WHERE \"Month\" = '$first'")
lines=$(sql "SELECT COUNT(*) FROM \"InvoiceLines\" l JOIN \"Invoices\" i ON i.\"Id\" = l.\"InvoiceId\" WHERE i.\"Month\" = '$first'")
billed=$(sql "SELECT COALESCE(SUM(l.\"Count\"), 0) FROM \"InvoiceLines\" l JOIN \"Invoices\" i ON i.\"Id\" = l.\"InvoiceId\" WHERE i.\"Month\" = '$first'")
confirmed=$(sql "SELECT COUNT(*) FROM \"Reservations\" WHERE \"Date\" >= '$first' AND \"Date\" < '$next' AND \"State\" = 3")
unbilled=$(sql "SELECT COUNT(*) FROM \"Reservations\" r WHERE r.\"Date\" >= '$first' AND r.\"Date\" < '$next' AND r.\"State\" = 3 AND NOT EXISTS (SELECT 1 FROM \"BilledDays\" b WHERE b.\"UnitId\" = r.\"UnitId\" AND b.\"Date\" = r.\"Date\" AND b.\"ChildId\" = r.\"ChildId\")")
justified=$(sql "SELECT COUNT(*) FROM \"Attendance\" WHERE \"Date\" >= '$first' AND \"Date\" < '$next' AND \"Mark\" = 1")
gaps=$(sql "SELECT MAX(\"Sequence\") - MIN(\"Sequence\") + 1 - COUNT(*) FROM \"Invoices\"")
echo "Checked in the database: $invoices invoices, $lines lines ($(( lines / (invoices > 0 ? invoices : 1) )) per invoice), $billed days billed of $confirmed confirmed ($justified justified absences), $unbilled left unbilled, $gaps gaps in the numbers"
fail=0
[ "$invoices" = "$families" ] || { echo "FAILED: expected one invoice per family" >&2; fail=1; }
[ "$unbilled" = 0 ] || { echo "FAILED: confirmed days left unbilled" >&2; fail=1; }
[ "$billed" = "$(( confirmed - justified ))" ] || { echo "FAILED: days billed differ from confirmed days minus justified absences" >&2; fail=1; }
[ "$gaps" = 0 ] || { echo "FAILED: gaps in the invoice numbers" >&2; fail=1; }
exit $fail
