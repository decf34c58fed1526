#!/usr/bin/env bash
# Back-office family search on a city-sized commune: 20,000 generated families on SQLite
# (or PostgreSQL with BENCH_POSTGRES="Host=...;Username=...;Password=...;Database=..."),
# measured with wrk on loopback against the Release build, beside GET /health (one database
# round trip) as the reference measured in the same run.
#
#   bash bench/family-search.sh [families] [seconds]      (CONNECTIONS=16 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

families=${1:-20000}
seconds=${2:-10}
connections=${CONNECTIONS:-16}
port=5099
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

source bench/portal.sh
export Demo__Seed=true Demo__ExtraFamilies=$families

start=$(date +%s)
start_portal
echo "Portal started with $families extra families on $database in $(( $(date +%s) - start )) s"
analyze_postgres

cookie=$(sign_in /gestion/connexion agent@portail.example 'Demo-Agent-2026!')
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/gestion/familles")
[ "$status" = 200 ] || { echo "Agent sign-in failed (HTTP $status)" >&2; exit 1; }

report_header
run() {
  report "$1" "$(wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d"${seconds}s" --latency -H "Cookie: $cookie" "$base$2")"
}
run "GET /health (reference)" "/health"
run "Familles, page 1 (no search)" "/gestion/familles"
run "Familles, page 100" "/gestion/familles?page=100"
run "Search a family name (martin)" "/gestion/familles?recherche=martin"
run "Search an email (famille012345)" "/gestion/familles?recherche=famille012345"
run "Search a child's first name (l%C3%A9a)" "/gestion/familles?recherche=l%C3%A9a"
run "Search two words (garcia zo%C3%A9)" "/gestion/familles?recherche=garcia+zo%C3%A9"
run "Filter: en attente de validation" "/gestion/familles?etat=PendingValidation"
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB; wrk -c$connections -d${seconds}s on loopback, sharing the cores."
