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

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
dotnet build src/PortailFamille.Web -c Release -v quiet -nologo >/dev/null

export ASPNETCORE_ENVIRONMENT=Development
export Demo__Seed=true Demo__ExtraFamilies=$families
export DataProtection__KeysFolder=$work/keys Mail__PickupFolder=$work/mail
export RateLimiting__SignInPerMinute=1000 Logging__LogLevel__Default=Warning
if [ -n "${BENCH_POSTGRES:-}" ]; then
  export Database__Provider=Postgres ConnectionStrings__Default="$BENCH_POSTGRES"
  database="PostgreSQL"
else
  export ConnectionStrings__Default="Data Source=$work/portail.db"
  database="SQLite"
fi

start=$(date +%s)
dotnet src/PortailFamille.Web/bin/Release/net10.0/PortailFamille.Web.dll --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 1
done
echo "Portal started with $families extra families on $database in $(( $(date +%s) - start )) s"

# Sign in as the demo agent, as a browser would: antiforgery token, then the form.
jar=$work/cookies
token=$(curl -s -c "$jar" "http://127.0.0.1:$port/gestion/connexion" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n1)
curl -s -b "$jar" -c "$jar" -o /dev/null \
  --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "Input.Email=agent@portail.example" \
  --data-urlencode "Input.Password=Demo-Agent-2026!" \
  "http://127.0.0.1:$port/gestion/connexion"
cookie=$(awk '$6 ~ /^(PortailFamille|\.AspNetCore\.Antiforgery)/ { printf "%s=%s; ", $6, $7 }' "$jar")
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$port/gestion/familles")
[ "$status" = 200 ] || { echo "Agent sign-in failed (HTTP $status)" >&2; exit 1; }

printf '\n%-46s %12s %10s %10s\n' "request" "requests/s" "p50 (ms)" "p99 (ms)"
run() {
  local label=$1 path=$2
  local out
  out=$(wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d"${seconds}s" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port$path")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  local non2xx
  non2xx=$(awk '/Non-2xx/ { print $NF }' <<<"$out")
  printf '%-46s %12s %10s %10s%s\n' "$label" "$rps" "$p50" "$p99" "${non2xx:+  ($non2xx non-2xx!)}"
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
