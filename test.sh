#!/usr/bin/env bash
# Runs everything: formatting, build, both migration sets, domain tests, web tests on SQLite
# and on PostgreSQL, browser tests. CI calls it through .ci/run; developers run it as is.
#
# It installs the Debian packages it needs when they are missing (postgresql, chromium),
# starts PostgreSQL when it is not running (and stops it on exit if it started it), and
# keeps going after a failing step so that every suite runs; it exits non-zero at the end
# if any step failed. Results: TestResults/<suite>/<suite>.trx, browser screenshots in
# TestResults/browser/screenshots, and the dump of a test that hung in TestResults/<suite>.
#
# On PostgreSQL the tests use a role of their own, portail_test, and databases named
# pf_test_*: the script never creates nor alters a role or a database that an operator may
# use. It never waits for a password either: sudo runs with -n, and fails instead.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DEBIAN_FRONTEND=noninteractive

SOLUTION=PortailFamille.slnx
WEB_PROJECT=src/PortailFamille.Web
RESULTS=$ROOT/TestResults
SUITES=(domain web-sqlite web-postgres browser)

# The tests' own PostgreSQL role, with CREATEDB: each test class creates a pf_test_* database
# and drops it when done.
TEST_ROLE=portail_test
TEST_ROLE_PASSWORD=portail_test
# A test running longer than this is taken as hung: dotnet test dumps the test host into the
# suite's results folder and stops it, so that the run fails quickly and says where.
HANG_TIMEOUT=10m
# A mini dump holds every thread's stack (about 20 MB); a full one would weigh the whole heap.
HANG_DUMP_TYPE=mini

FAILED_STEPS=()
PG_VERSION=""
PG_PORT=5432
PG_STARTED_BY_US=0

# ---------------------------------------------------------------------------------------
# Helpers

# Runs a command as root: sudo only when this script is not already root, and never a
# password prompt (-n): without password-less sudo the step fails and says so.
as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo -n "$@"; fi
}

# Runs a command as the postgres system user, from a folder it can read.
as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && sudo -n -u postgres -- "$@")
    fi
}

psql_admin() {
    as_postgres psql -X -q -p "$PG_PORT" -v ON_ERROR_STOP=1 "$@"
}

# step NAME COMMAND...: prints a header, runs the command, prints how long it took and
# remembers a failure without stopping the script. The command runs in this shell (so it
# may set variables), in a context where `set -e` does not apply: step functions check
# their own errors.
step() {
    local name=$1
    shift
    echo
    echo "==> $name"
    local start=$SECONDS
    if "$@"; then
        echo "<== $name: ok ($((SECONDS - start)) s)"
    else
        echo "<== $name: FAILED ($((SECONDS - start)) s)"
        FAILED_STEPS+=("$name")
    fi
}

# ---------------------------------------------------------------------------------------
# Steps

install_packages() {
    local missing=() pkg
    for pkg in postgresql chromium; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        echo "postgresql and chromium are installed."
        return 0
    fi
    echo "Installing ${missing[*]}"
    as_root apt-get update -qq || return 1
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" || return 1
}

stop_postgres() {
    if [[ $PG_STARTED_BY_US -eq 1 ]]; then
        echo "==> Stopping PostgreSQL $PG_VERSION/main (started by this script)"
        as_root pg_ctlcluster "$PG_VERSION" main stop || true
        PG_STARTED_BY_US=0
    fi
}

start_postgres() {
    # The newest version installed, if several are.
    # shellcheck disable=SC2012 # version folders are plain numbers
    PG_VERSION=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
    if [[ -z $PG_VERSION ]]; then
        echo "PostgreSQL is not installed (/usr/lib/postgresql is empty)." >&2
        return 1
    fi

    if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
        echo "Creating cluster $PG_VERSION/main"
        as_root pg_createcluster "$PG_VERSION" main || return 1
    fi

    PG_PORT=$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" { print $3 }')
    PG_PORT=${PG_PORT:-5432}

    if as_root pg_ctlcluster "$PG_VERSION" main status >/dev/null 2>&1; then
        echo "PostgreSQL $PG_VERSION/main is already running on port $PG_PORT."
    else
        echo "Starting PostgreSQL $PG_VERSION/main on port $PG_PORT"
        as_root pg_ctlcluster "$PG_VERSION" main start || return 1
        PG_STARTED_BY_US=1
    fi

    local tries=0
    until pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; do
        tries=$((tries + 1))
        if [[ $tries -ge 60 ]]; then
            echo "PostgreSQL did not answer on 127.0.0.1:$PG_PORT within 30 s." >&2
            return 1
        fi
        sleep 0.5
    done
    pg_isready -h 127.0.0.1 -p "$PG_PORT"

    # The tests' role is theirs alone, so it may be (re)set to what the tests expect.
    psql_admin -c "DO \$\$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$TEST_ROLE') THEN
                CREATE ROLE $TEST_ROLE LOGIN CREATEDB PASSWORD '$TEST_ROLE_PASSWORD';
            ELSE
                ALTER ROLE $TEST_ROLE LOGIN CREATEDB PASSWORD '$TEST_ROLE_PASSWORD';
            END IF;
        END
        \$\$;" || return 1
    echo "Role $TEST_ROLE is ready."

    # Test databases left by interrupted runs: only the tests' own (named pf_test_*, owned by
    # their role). No FORCE: a database still in use (a test run going on beside this one) is
    # left alone.
    local db
    while IFS= read -r db; do
        [[ -n $db ]] || continue
        if psql_admin -c "DROP DATABASE IF EXISTS \"$db\"" 2>/dev/null; then
            echo "Dropped leftover database $db"
        else
            echo "Left database $db alone (in use)"
        fi
    done < <(psql_admin -At -c "SELECT d.datname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba
                                WHERE d.datname LIKE 'pf\_test\_%' AND r.rolname = '$TEST_ROLE'")
}

check_format() {
    if ! dotnet format "$SOLUTION" --verify-no-changes --no-restore; then
        echo "Formatting differs from .editorconfig: run \`dotnet format $SOLUTION\` and commit the result." >&2
        return 1
    fi
}

check_migrations() {
    local context ok=0
    for context in SqliteAppDbContext PostgresAppDbContext; do
        echo "-- $context"
        if ! dotnet ef migrations has-pending-model-changes --project "$WEB_PROJECT" \
            --context "$context" --configuration Release --no-build; then
            echo "$context: the model has changes that no migration holds: add one with" >&2
            echo "  dotnet ef migrations add <Name> --project $WEB_PROJECT --context $context --configuration Release --output-dir Data/Migrations/<Provider>" >&2
            ok=1
        fi
    done
    return $ok
}

# run_tests NAME PROJECT: dotnet test, results in TestResults/NAME/NAME.trx. A test that runs
# longer than HANG_TIMEOUT is stopped with a dump of the test host (in TestResults/NAME), and
# the suite fails, instead of the run waiting for CI's own time-out.
run_tests() {
    local name=$1 project=$2
    dotnet test "$project" -c Release --no-build \
        --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type "$HANG_DUMP_TYPE" \
        --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS/$name"
}

run_web_postgres() {
    if [[ -z $PG_VERSION ]]; then
        echo "PostgreSQL is not available: see the PostgreSQL step above." >&2
        return 1
    fi
    PORTAIL_TEST_DB=Postgres \
        PORTAIL_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=$TEST_ROLE;Password=$TEST_ROLE_PASSWORD" \
        run_tests web-postgres tests/PortailFamille.Web.Tests
}

run_browser() {
    mkdir -p "$RESULTS/browser/screenshots"
    PORTAIL_ARTIFACTS=$RESULTS/browser/screenshots run_tests browser tests/PortailFamille.BrowserTests
}

# Prints "total executed passed failed" (failed counting errors, time-outs and aborts) from a .trx
# file's <Counters .../> element. A run that was aborted (a hung test stopped, a crashed test
# host) may count nothing at all: it is then one failure, never a clean zero.
trx_counts() {
    local file=$1
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$file" <<'PY'
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
counters = next((e for e in root.iter() if e.tag.split('}')[-1] == 'Counters'), None)
if counters is None:
    sys.exit(1)
get = lambda name: int(counters.get(name, '0') or 0)
failed = get('failed') + get('error') + get('timeout') + get('aborted')
summary = next((e for e in root.iter() if e.tag.split('}')[-1] == 'ResultSummary'), None)
if failed == 0 and summary is not None and summary.get('outcome') in ('Failed', 'Error', 'Aborted', 'Timeout'):
    failed = 1
print(get('total'), get('executed'), get('passed'), failed)
PY
    else
        local counters attr value out=()
        counters=$(grep -o '<Counters [^>]*>' "$file" | head -n 1) || return 1
        for attr in total executed passed failed error timeout aborted; do
            value=$(sed -n "s/.* $attr=\"\([0-9]*\)\".*/\1/p" <<<"$counters")
            out+=("${value:-0}")
        done
        local failed=$((out[3] + out[4] + out[5] + out[6]))
        if [[ $failed -eq 0 ]] && grep -qE '<ResultSummary [^>]*outcome="(Failed|Error|Aborted|Timeout)"' "$file"; then
            failed=1
        fi
        echo "${out[0]} ${out[1]} ${out[2]} $failed"
    fi
}

summary() {
    local name file counts total passed failed skipped
    local sum_passed=0 sum_failed=0 sum_skipped=0
    echo
    echo "==> Summary"
    printf '%-14s %7s %7s %7s %7s\n' suite total passed failed skipped
    for name in "${SUITES[@]}"; do
        file=$RESULTS/$name/$name.trx
        if [[ -f $file ]] && counts=$(trx_counts "$file"); then
            read -r total _ passed failed <<<"$counts"
            # Neither passed nor failed: skipped (not executed), inconclusive...
            skipped=$((total - passed - failed))
            if [[ $skipped -lt 0 ]]; then
                skipped=0
            fi
            printf '%-14s %7d %7d %7d %7d\n' "$name" "$total" "$passed" "$failed" "$skipped"
            if [[ $total -eq 0 ]]; then
                echo "  (warning: $name ran no test)"
            fi
        else
            passed=0 failed=1 skipped=0
            printf '%-14s %7s %7s %7s %7s   no .trx: counted as one failure\n' "$name" - - 1 -
            if [[ " ${FAILED_STEPS[*]} " != *" Tests ($name) "* ]]; then
                FAILED_STEPS+=("Tests ($name)")
            fi
        fi
        sum_passed=$((sum_passed + passed))
        sum_failed=$((sum_failed + failed))
        sum_skipped=$((sum_skipped + skipped))
    done
    echo
    if [[ ${#FAILED_STEPS[@]} -gt 0 ]]; then
        local list
        list=$(printf '%s; ' "${FAILED_STEPS[@]}")
        echo "Failed steps: ${list%; }"
    else
        echo "All steps passed."
    fi
    echo "(total: $((SECONDS - SCRIPT_START)) s)"
    local line="Tests: $sum_passed passed, $sum_failed failed"
    if [[ $sum_skipped -gt 0 ]]; then
        line+=", $sum_skipped skipped"
    fi
    echo "$line"
}

# ---------------------------------------------------------------------------------------
# Main

SCRIPT_START=$SECONDS
trap stop_postgres EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

step "Packages" install_packages
step "PostgreSQL" start_postgres
step "Tool restore" dotnet tool restore
step "Restore" dotnet restore "$SOLUTION"
step "Formatting" check_format
step "Build" dotnet build "$SOLUTION" --no-restore -c Release
step "Migrations" check_migrations
step "Tests (domain)" run_tests domain tests/PortailFamille.Domain.Tests
step "Tests (web-sqlite)" run_tests web-sqlite tests/PortailFamille.Web.Tests
step "Tests (web-postgres)" run_web_postgres
step "Tests (browser)" run_browser

# Stop PostgreSQL now (the trap covers interruptions) so the summary's count is the last line.
stop_postgres
summary

if [[ ${#FAILED_STEPS[@]} -gt 0 ]]; then
    exit 1
fi
