#!/usr/bin/env bash
# The yearly tax certificates at the size of a city, on the Release build: a new database seeded
# with N families of two children under six, each with an invoice of June last year paid on
# 10 July (Demo:BillingPayments; one family in ten paid for meals only, so has nothing to
# certify), without the month of reserved days the invoicing bench needs (Demo:BillingDays=false).
# Then an agent starts the run of last year on the Attestations fiscales page, with the emails
# to the families, and the script follows the background run until it ends. Afterwards it
# checks in the database that each family with something to certify got exactly one
# certificate, that no other family got one, and that the numbers have no gap.
# SQLite by default, PostgreSQL with BENCH_POSTGRES="Host=...;Username=...;Password=...;Database=...".
# BENCH_EMAILS=false starts the run without the emails.
#
#   bash bench/tax-certificates.sh [families]      (20000 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

families=${1:-20000}
emails=${BENCH_EMAILS:-true}
port=5098
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

source bench/portal.sh
export Demo__Seed=true Demo__Reservations=false Demo__BillingFamilies=$families Demo__BillingPayments=true Demo__BillingDays=false Transfer__Cron=off

start=$(date +%s)
start_portal
echo "Portal started with $families paying families on $database in $(( $(date +%s) - start )) s (seeding included)"

cookie=$(sign_in /gestion/connexion agent@portail.example 'Demo-Agent-2026!')
year=$(( $(date +%Y) - 1 ))
series=$(date +%Y)

# Start: the page's form, then follow the run's progress until it ends.
curl -s -o "$work/form.html" -H "Cookie: $cookie" "$base/gestion/attestations-fiscales"
token=$(sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' "$work/form.html" | head -n1)
started=$(date +%s.%N)
location=$(curl -s -o "$work/answer.html" -w '%{redirect_url}' -H "Cookie: $cookie" \
  --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "annee=$year" \
  $([ "$emails" = true ] && echo --data-urlencode emails=true) \
  "$base/gestion/attestations-fiscales")
run=${location##*/}
[[ "$run" =~ ^[0-9a-f-]{36}$ ]] || { echo "The run was refused:" >&2; grep -o '<li>.*</li>' "$work/answer.html" >&2 || true; exit 1; }
while true; do
  progress=$(curl -s -H "Cookie: $cookie" "$base/gestion/attestations-fiscales/$run?handler=Progress")
  grep -q '"working":false' <<<"$progress" && break
  sleep 0.5
done
ended=$(date +%s.%N)
printf 'Certificates of %s issued in %.1f s (%s, emails: %s)\n' "$year" "$(echo "$ended - $started" | bc)" "$(sed 's/.*"text":"\([^"]*\)".*/\1/; s/\\u00A0/ /g; s/\\u00E9/é/g' <<<"$progress")" "$emails"
echo "Server peak memory: $(awk '/VmHWM/ { printf "%d MB", $2 / 1024 }' "/proc/$server/status")"
curl -s -H "Cookie: $cookie" "$base/gestion/attestations-fiscales/$run" | grep -o '<li>[^<]*<strong>[^<]*</strong></li>' | sed 's/<[^>]*>//g; s/&#xA0;/ /g; s/&#x27;/'"'"'/g; s/&#xE9;/é/g; s/^/  /'

# What happened, counted in the database.
paying=$(sql "SELECT COUNT(DISTINCT \"FamilyId\") FROM \"Payments\" WHERE \"CancelledAt\" IS NULL AND \"ReceivedOn\" >= '$year-01-01' AND \"ReceivedOn\" <= '$year-12-31'")
certifiable=$(sql "SELECT COUNT(DISTINCT p.\"FamilyId\") FROM \"Payments\" p JOIN \"PaymentAllocations\" a ON a.\"PaymentId\" = p.\"Id\" JOIN \"InvoiceLines\" l ON l.\"InvoiceId\" = a.\"InvoiceId\" WHERE p.\"CancelledAt\" IS NULL AND p.\"ReceivedOn\" >= '$year-01-01' AND p.\"ReceivedOn\" <= '$year-12-31' AND l.\"ActivityName\" = 'Périscolaire'")
certificates=$(sql "SELECT COUNT(*) FROM \"TaxCertificates\" WHERE \"Year\" = $year")
families_certified=$(sql "SELECT COUNT(DISTINCT \"FamilyId\") FROM \"TaxCertificates\" WHERE \"Year\" = $year")
strays=$(sql "SELECT COUNT(*) FROM \"TaxCertificates\" c WHERE c.\"Year\" = $year AND NOT EXISTS (SELECT 1 FROM \"Payments\" p JOIN \"PaymentAllocations\" a ON a.\"PaymentId\" = p.\"Id\" JOIN \"InvoiceLines\" l ON l.\"InvoiceId\" = a.\"InvoiceId\" WHERE p.\"FamilyId\" = c.\"FamilyId\" AND p.\"CancelledAt\" IS NULL AND p.\"ReceivedOn\" >= '$year-01-01' AND p.\"ReceivedOn\" <= '$year-12-31' AND l.\"ActivityName\" = 'Périscolaire')")
gaps=$(sql "SELECT COALESCE(MAX(\"Sequence\") - MIN(\"Sequence\") + 1 - COUNT(*), 0) FROM \"TaxCertificates\" WHERE \"SeriesYear\" = $series")
first=$(sql "SELECT COALESCE(MIN(\"Sequence\"), 0) FROM \"TaxCertificates\" WHERE \"SeriesYear\" = $series")
counter=$(sql "SELECT COALESCE(MAX(\"Last\"), 0) FROM \"DocumentSequences\" WHERE \"Series\" = 'attestation' AND \"Year\" = $series")
mails=$(sql "SELECT COUNT(*) FROM \"OutboxMails\" WHERE \"Subject\" LIKE 'Votre attestation fiscale $year%'")
echo "Checked in the database: $paying families paid in $year, $certifiable with care to certify, $certificates certificates ($families_certified families, $strays without care paid), numbers $first to $counter with $gaps gaps, $mails emails"
fail=0
[ "$certificates" = "$certifiable" ] || { echo "FAILED: expected one certificate per family with care paid" >&2; fail=1; }
[ "$families_certified" = "$certificates" ] || { echo "FAILED: a family has two certificates" >&2; fail=1; }
[ "$strays" = 0 ] || { echo "FAILED: certificates of families without care paid" >&2; fail=1; }
[ "$gaps" = 0 ] && [ "$first" = 1 ] && [ "$counter" = "$certificates" ] || { echo "FAILED: gaps in the certificate numbers" >&2; fail=1; }
if [ "$emails" = true ]; then
  [ "$mails" = "$certificates" ] || { echo "FAILED: expected one email per certified family (one responsable each)" >&2; fail=1; }
else
  [ "$mails" = 0 ] || { echo "FAILED: emails queued although not asked" >&2; fail=1; }
fi
exit $fail
