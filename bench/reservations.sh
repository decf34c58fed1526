#!/usr/bin/env bash
# "Mes réservations" under load, on the Release build with wrk on loopback:
#  - how long the calendar page of a month takes to render (one family, then 16 at once);
#  - how many booking clicks per second the portal serves: each wrk connection clicks its own
#    free day of the demo registration again and again (ask, withdraw, ask…), every click being
#    the real JavaScript request (antiforgery token, one transaction, the cell sent back).
# SQLite by default, PostgreSQL with BENCH_POSTGRES="Host=...;Username=...;Password=...;Database=...".
#
#   bash bench/reservations.sh [seconds]      (CONNECTIONS=16 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-10}
connections=${CONNECTIONS:-16}
port=5098
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

source bench/portal.sh
export Demo__Seed=true Demo__Reservations=true Transfer__Cron=off
start_portal
echo "Portal started on $database"

cookie=$(sign_in / famille@portail.example 'Demo-Famille-2026!')

# Léa's canteen registration, and the calendar of the month after next (all its days still open).
child=$(curl -s -H "Cookie: $cookie" "$base/famille/inscriptions" | grep -o '/famille/inscriptions?enfant=[0-9a-f-]\{36\}' | head -n1 || true)
inscriptions=$(curl -s -H "Cookie: $cookie" "$base$child")
registration=$(printf "%s" "$inscriptions" | grep -o '/famille/reservations/[0-9a-f-]\{36\}' | head -n1 || true)
[ -n "$registration" ] || { echo "No validated registration found for the demo family:" >&2; printf "%s" "$inscriptions" | head -c 3000 >&2; exit 1; }
month=$(date -d "$(date +%Y-%m-15) +2 month" +%Y-%m)
page="$registration?mois=$month"
html=$(curl -s -H "Cookie: $cookie" "$base$page")
form_token=$(sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' <<<"$html" | head -n1)
mapfile -t free < <(grep -o 'value="[0-9-]\{10\}|[0-9a-f-]\{36\}|0"' <<<"$html" | sed 's/value="\(.*\)|0"/\1/' | sort -u || true)
[ "${#free[@]}" -gt 0 ] || { echo "No free day to click in $month" >&2; exit 1; }
clickers=$(( connections < ${#free[@]} ? connections : ${#free[@]} ))

report_header
get() {
  local label=$1 path=$2 c=$3
  report "$label" "$(wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"${seconds}s" --latency -H "Cookie: $cookie" "$base$path")"
}
get "GET /health (reference), 1 connection" "/health" 1
get "Calendar page of a month, 1 family" "$page" 1
get "GET /health (reference), $connections connections" "/health" "$connections"
get "Calendar page of a month, $connections at once" "$page" "$connections"

# click_script FILE DAY...: one wrk thread per connection, each with its own day. A thread
# clicks its day, takes the day's state from the cell the answer sends back and clicks again
# from it (ask → withdraw → ask…); a click refused because the day was not in the state sent
# (409, the answer has no cell) turns the state over, the only other one of the cycle.
click_script() {
  local file=$1
  shift
  cat >"$file" <<LUA
local days = { $(printf '"%s",' "$@") }
local counter = 0
local threads = {}
function setup(thread)
  counter = counter + 1
  thread:set("day", days[counter])
  table.insert(threads, thread)
end
function init(args)
  state = 0
  clicks, refused = 0, 0
end
local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
function request()
  local body = "__RequestVerificationToken=" .. encode("$form_token") .. "&case=" .. encode(day .. "|" .. state)
  return wrk.format("POST", "$page&handler=Case", {
    ["Cookie"] = "$cookie",
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["RequestVerificationToken"] = "$form_token",
  }, body)
end
function response(status, headers, body)
  clicks = clicks + 1
  local shown = body:match('"value":"[^"]*|(%d+)"')
  if not body:find('"ok":true') then
    refused = refused + 1
  end
  if shown then
    state = tonumber(shown)
  elseif status == 409 then
    state = (state == 0) and 1 or 0
  end
end
function done(summary, latency, requests)
  local total, bad = 0, 0
  for _, t in ipairs(threads) do
    total = total + (t:get("clicks") or 0)
    bad = bad + (t:get("refused") or 0)
  end
  io.write(string.format("Clicks answered: %d, of which not saved: %d\n", total, bad))
end
LUA
}

click_script "$work/click.lua" "${free[@]:0:$clickers}"
out=$(wrk -t"$clickers" -c"$clickers" -d"${seconds}s" --latency -s "$work/click.lua" "$base$page")
report "Booking click (POST, saved), $clickers at once" "$out"
grep 'Clicks answered' <<<"$out" || true
# One at a time, on a day the run above did not touch when the month has one (its state is
# read back from the first answer anyway).
click_script "$work/click-one.lua" "${free[$(( clickers < ${#free[@]} ? clickers : 0 ))]}"
out=$(wrk -t1 -c1 -d"${seconds}s" --latency -s "$work/click-one.lua" "$base$page")
report "Booking click (POST, saved), 1 at a time" "$out"
grep 'Clicks answered' <<<"$out" || true
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB; wrk -d${seconds}s on loopback, sharing the cores."
