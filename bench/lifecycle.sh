#!/usr/bin/env bash
# Issue 9 benchmark: the daily lifecycle computation (reminders in the 7-day window, the call list of what reached its
# due date) over UNITS registered units × 3 consumables, on PostgreSQL and on SQLite. For each provider: a fresh
# database (migrated, demo-seeded), the schedules written set-based by `CareLoop.Bench lifecycle-seed`, the app started,
# then `lifecycle-run`: row counts, the plan of the due query, two runs of POST /api/v1/lifecycle/runs (the second
# must send nothing), and the app's peak memory (VmHWM).
# Usage: CARELOOP_BENCH_POSTGRES='Host=…;Port=…;Username=…;Password=…;Database=postgres' bench/lifecycle.sh [pg-units=2000000] [sqlite-units=2000000]
set -euo pipefail
cd "$(dirname "$0")/.."
pg_units=${1:-2000000}
sqlite_units=${2:-2000000}
[ -n "${CARELOOP_BENCH_POSTGRES:-}" ] || { echo "CARELOOP_BENCH_POSTGRES is required (an admin connection string)" >&2; exit 2; }
port=5097
password=Bench-Pass-2026
work=$(mktemp -d)
db=careloop_lifecycle_$$
libpq() { python3 -c 'import sys;print(" ".join(p.replace("Username","user").replace("Password","password").replace("Host","host").replace("Port","port").replace("Database","dbname") for p in sys.argv[1].split(";") if p))' "$1"; }
admin=$(libpq "$CARELOOP_BENCH_POSTGRES")
app_pid=
cleanup() { [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true; psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
config=${CONFIG:-Release}   # CONFIG=Debug reuses the test build when the machine is too busy for a Release build
dotnet build src/CareLoop -c "$config" -v q -nologo >/dev/null
dotnet build bench/CareLoop.Bench -c "$config" -v q -nologo >/dev/null
app=src/CareLoop/bin/$config/net10.0/CareLoop.dll
bench=bench/CareLoop.Bench/bin/$config/net10.0/CareLoop.Bench.dll
start_app() { # provider connection
  ASPNETCORE_ENVIRONMENT=Development Demo__Password=$password Database__Provider=$1 ConnectionStrings__CareLoop="$2" Demo__RouteDay=false \
    Outbox__Enabled=false Lifecycle__DailyCron="0 0 0 1 1 ? 2099" Logging__LogLevel__Default=Warning dotnet "$app" --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/CareLoop" >>"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 3000); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0; sleep 0.1; done
  cat "$work/app.log"; exit 1
}
stop_app() { kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=; }
measure() { # provider connection units
  start_app "$1" "$2"; stop_app                       # migrate + demo seed
  /usr/bin/time -f "seed-process,max-rss-kb=%M,elapsed=%e" dotnet "$bench" lifecycle-seed --provider "$1" --connection "$2" --units "$3"
  start_app "$1" "$2"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  dotnet "$bench" lifecycle-run --provider "$1" --connection "$2" --url "http://127.0.0.1:$port" --password $password
  echo "app-memory,$(grep -E 'VmHWM' "/proc/$app_pid/status" | tr -s ' \t' ' ')"
  stop_app
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== PostgreSQL, $pg_units units"
psql "$admin" -qc "CREATE DATABASE $db" >/dev/null
measure Postgres "$(echo "$CARELOOP_BENCH_POSTGRES" | sed "s/Database=[^;]*/Database=$db/")" "$pg_units"
echo "== SQLite, $sqlite_units units"
measure Sqlite "Data Source=$work/lifecycle.db" "$sqlite_units"
grep -A12 -E '^(fail|crit)' "$work/app.log" | grep -oE '^(fail|crit): [A-Za-z.]+|[A-Za-z.]+Exception[^:]*: [^,.]{0,160}' | sort | uniq -c | sort -rn | head -12 || true
