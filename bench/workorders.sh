#!/usr/bin/env bash
# Issue 4 benchmark: work-order transitions per second and the work-order list's latency with filters, on a database
# that already holds N work orders. Usage: bench/workorders.sh [work-orders=1000000] [requests=2000] [concurrency=4]
# `CareLoop.Bench workorders-generate` writes CARELOOP_BENCH_CUSTOMERS customers (default 100000, two units each), then
# the orders and their timelines. `requests` transitions (assign + accept of
# requests/2 created orders, `concurrency` in flight), then requests/4 list calls per filter.
# SQLite always; PostgreSQL too when CARELOOP_BENCH_POSTGRES holds an admin connection string
# (e.g. 'Host=127.0.0.1;Port=5432;Username=postgres;Password=…;Database=postgres').
# CARELOOP_BENCH_PROVIDERS=both|sqlite|postgres (default both) skips the other provider; postgres needs the above.
# CARELOOP_BENCH_KEEP=DIR keeps the databases for EXPLAIN: the SQLite file in DIR, the PostgreSQL database not dropped.
set -euo pipefail
cd "$(dirname "$0")/.."
orders=${1:-1000000}
requests=${2:-2000}
concurrency=${3:-4}
customers=${CARELOOP_BENCH_CUSTOMERS:-100000}
providers=${CARELOOP_BENCH_PROVIDERS:-both}
case $providers in
  both | sqlite) ;;
  postgres) [ -n "${CARELOOP_BENCH_POSTGRES:-}" ] || { echo "CARELOOP_BENCH_PROVIDERS=postgres needs CARELOOP_BENCH_POSTGRES" >&2; exit 2; } ;;
  *) echo "CARELOOP_BENCH_PROVIDERS must be both, sqlite or postgres, not '$providers'" >&2; exit 2 ;;
esac
port=5096
password=Bench-Pass-2026
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build src/CareLoop -c Release -v q -nologo >/dev/null
dotnet build bench/CareLoop.Bench -c Release -v q -nologo >/dev/null
app=src/CareLoop/bin/Release/net10.0/CareLoop.dll
bench=bench/CareLoop.Bench/bin/Release/net10.0/CareLoop.Bench.dll

start_app() { # provider connection
  ASPNETCORE_ENVIRONMENT=Development Demo__Password=$password Database__Provider=$1 ConnectionStrings__CareLoop="$2" Outbox__Enabled=false \
    Logging__LogLevel__Default=Warning dotnet "$app" --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/CareLoop" >"$work/app.log" 2>&1 &
  # up to 3 minutes: on SQLite the first start after generating analyses every table (PRAGMA optimize)
  for _ in $(seq 1 1800); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0; sleep 0.1; done
  cat "$work/app.log"; exit 1
}
libpq() { python3 -c 'import sys;print(" ".join(p.replace("Username","user").replace("Password","password").replace("Host","host").replace("Port","port").replace("Database","dbname") for p in sys.argv[1].split(";") if p))' "$1"; }
stop_app() { kill %1 2>/dev/null || true; wait %1 2>/dev/null || true; }

run() { # provider connection
  echo "== $1: $orders work orders over $customers customers ($((customers * 2)) units)"
  start_app "$1" "$2"; stop_app                       # migrate + demo seed
  dotnet "$bench" workorders-generate --provider "$1" --connection "$2" --customers "$customers" --units-per-customer 2 \
    --work-orders "$orders" --sample-size "$requests" --sample "$work/sample.txt"
  # Statistics as a live database has them (SQLite: PRAGMA optimize at start-up), no autovacuum inside the run, and
  # the bulk load's writeback finished (checkpoint + sync) so it does not land on the transitions' commits.
  if [ "$1" = Postgres ]; then psql "$(libpq "$2")" -qc "VACUUM ANALYZE" -c "CHECKPOINT" >/dev/null; fi
  sync
  start_app "$1" "$2"
  dotnet "$bench" workorders-run --url "http://127.0.0.1:$port" --password $password --sample "$work/sample.txt" \
    --requests "$requests" --concurrency "$concurrency" --list-requests "$((requests / 4))"
  stop_app
  [ -z "$keep" ] || [ "$1" != Sqlite ] || echo "kept $keep/workorders-$$.db"
}

keep=${CARELOOP_BENCH_KEEP:-}
[ "$providers" = postgres ] || run Sqlite "Data Source=${keep:-$work}/workorders-$$.db;Pooling=true"
if [ "$providers" != sqlite ] && [ -n "${CARELOOP_BENCH_POSTGRES:-}" ]; then
  db=careloop_workorders_$$
  psql "$(libpq "$CARELOOP_BENCH_POSTGRES")" -qc "CREATE DATABASE $db" >/dev/null
  [ -n "$keep" ] || trap 'kill $(jobs -p) 2>/dev/null || true; psql "$(libpq "$CARELOOP_BENCH_POSTGRES")" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true; rm -rf "$work"' EXIT
  run Postgres "$(echo "$CARELOOP_BENCH_POSTGRES" | sed "s/Database=[^;]*/Database=$db/")"
  [ -z "$keep" ] || echo "kept PostgreSQL database $db"
fi
