# Shared by the bench scripts (sourced, not run): the Release portal on a new database, a
# browser-like sign-in, and one line of figures from a wrk run.
#
# The caller sets `port` and `work` (a temporary folder), exports its own Demo__* settings, and
# may set BENCH_POSTGRES="Host=...;Username=...;Password=...;Database=..." for PostgreSQL.

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

# Builds and starts the portal; sets `base`, `server` (its process) and `database`.
start_portal() {
  dotnet build src/PortailFamille.Web -c Release -v quiet -nologo >/dev/null
  base="http://127.0.0.1:$port"
  export ASPNETCORE_ENVIRONMENT=Development
  export DataProtection__KeysFolder=$work/keys Mail__PickupFolder=$work/mail
  export RateLimiting__SignInPerMinute=1000 Logging__LogLevel__Default=Warning
  if [ -n "${BENCH_POSTGRES:-}" ]; then
    export Database__Provider=Postgres ConnectionStrings__Default="$BENCH_POSTGRES"
    database="PostgreSQL"
  else
    export ConnectionStrings__Default="Data Source=$work/portail.db"
    database="SQLite"
  fi

  # The project folder as content root: the portal reads its appsettings.json and static files.
  dotnet src/PortailFamille.Web/bin/Release/net10.0/PortailFamille.Web.dll --contentRoot "$PWD/src/PortailFamille.Web" --urls "$base" >"$work/server.log" 2>&1 &
  server=$!
  until curl -sf "$base/health" >/dev/null; do
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
    sleep 1
  done
}

# sql QUERY: one value from the bench database.
sql() {
  if [ -n "${BENCH_POSTGRES:-}" ]; then
    local host user password dbname
    host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$BENCH_POSTGRES")
    user=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$BENCH_POSTGRES")
    password=$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$BENCH_POSTGRES")
    dbname=$(sed -n 's/.*Database=\([^;]*\).*/\1/p' <<<"$BENCH_POSTGRES")
    PGPASSWORD=$password psql -h "$host" -U "$user" -d "$dbname" -tAc "$1"
  else
    sqlite3 "$work/portail.db" "$1"
  fi
}

# After a bulk seeding on PostgreSQL: gather the statistics and the visibility map, which the
# autovacuum of a live database keeps as its rows come in over weeks; PostgreSQL plans with the
# former and reads an index alone only where the latter says so. Prints how long it took.
analyze_postgres() {
  [ -n "${BENCH_POSTGRES:-}" ] || return 0
  local start
  start=$(date +%s)
  sql "VACUUM ANALYZE" >/dev/null 2>&1
  echo "VACUUM ANALYZE after seeding: $(( $(date +%s) - start )) s"
}

# sign_in PAGE EMAIL PASSWORD: signs in through the form of PAGE as a browser would (antiforgery
# token, then the form) and prints the Cookie header value to send with wrk.
sign_in() {
  local page=$1 email=$2 password=$3 jar=$work/cookies token
  token=$(curl -s -c "$jar" "$base$page" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n1)
  curl -s -b "$jar" -c "$jar" -o /dev/null \
    --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.Email=$email" \
    --data-urlencode "Input.Password=$password" \
    "$base$page"
  awk '$6 ~ /^(PortailFamille|\.AspNetCore\.Antiforgery)/ { printf "%s=%s; ", $6, $7 }' "$jar"
}

# report LABEL WRK_OUTPUT: requests/s, median and 99th percentile, and any non-2xx answers.
report() {
  local label=$1 out=$2 rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  non2xx=$(awk '/Non-2xx/ { print $NF }' <<<"$out")
  printf '%-52s %12s %10s %10s%s\n' "$label" "$rps" "$p50" "$p99" "${non2xx:+  ($non2xx non-2xx!)}"
}

report_header() {
  printf '\n%-52s %12s %10s %10s\n' "request" "requests/s" "p50 (ms)" "p99 (ms)"
}
