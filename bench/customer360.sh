#!/usr/bin/env bash
# Issue 3 benchmark: generate customers + units into a real CareLoop database, then measure customer-360 lookups
# by phone over loopback HTTP. Usage: bench/customer360.sh [customers=1000000] [units-per-customer=2] [requests=1000]
# SQLite always; PostgreSQL too when CARELOOP_BENCH_POSTGRES holds an admin connection string
# (e.g. 'Host=127.0.0.1;Port=5432;Username=postgres;Password=…;Database=postgres').
# CARELOOP_BENCH_PROVIDERS=both|sqlite|postgres (default both) skips the other provider; postgres needs the above.
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${1:-1000000}
units=${2:-2}
requests=${3:-1000}
providers=${CARELOOP_BENCH_PROVIDERS:-both}
case $providers in
  both | sqlite) ;;
  postgres) [ -n "${CARELOOP_BENCH_POSTGRES:-}" ] || { echo "CARELOOP_BENCH_PROVIDERS=postgres needs CARELOOP_BENCH_POSTGRES" >&2; exit 2; } ;;
  *) echo "CARELOOP_BENCH_PROVIDERS must be both, sqlite or postgres, not '$providers'" >&2; exit 2 ;;
esac
port=5098
password=Bench-Pass-2026
key=$(python3 -c 'import json;print(json.load(open("src/CareLoop/appsettings.Development.json"))["Security"]["DataEncryptionKey"])')
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build src/CareLoop -c Release -v q -nologo >/dev/null
dotnet build bench/CareLoop.Bench -c Release -v q -nologo >/dev/null
app=src/CareLoop/bin/Release/net10.0/CareLoop.dll
bench=bench/CareLoop.Bench/bin/Release/net10.0/CareLoop.Bench.dll

start_app() { # provider connection
  ASPNETCORE_ENVIRONMENT=Development Demo__Password=$password Database__Provider=$1 ConnectionStrings__CareLoop="$2" Outbox__Enabled=false \
    Logging__LogLevel__Default=Warning dotnet "$app" --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/CareLoop" >"$work/app.log" 2>&1 &
  for _ in $(seq 1 600); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0; sleep 0.1; done
  cat "$work/app.log"; exit 1
}
libpq() { python3 -c 'import sys;print(" ".join(p.replace("Username","user").replace("Password","password").replace("Host","host").replace("Port","port").replace("Database","dbname") for p in sys.argv[1].split(";") if p))' "$1"; }
stop_app() { kill %1 2>/dev/null || true; wait %1 2>/dev/null || true; }

run() { # provider connection
  echo "== $1: $customers customers, $((customers * units)) units"
  start_app "$1" "$2"; stop_app                       # migrate + demo seed
  dotnet "$bench" generate --provider "$1" --connection "$2" --key "$key" --customers "$customers" --units-per-customer "$units" --sample "$work/sample.txt"
  # Statistics as a production database would have them (SQLite: PRAGMA optimize at start-up), and no autovacuum
  # of the freshly generated tables landing in the middle of the lookups.
  if [ "$1" = Postgres ]; then psql "$(libpq "$2")" -qc "VACUUM ANALYZE" >/dev/null; fi
  start_app "$1" "$2"
  dotnet "$bench" lookup --url "http://127.0.0.1:$port" --password $password --sample "$work/sample.txt" --requests "$requests"
  stop_app
}

[ "$providers" = postgres ] || run Sqlite "Data Source=$work/bench.db;Pooling=true"
if [ "$providers" != sqlite ] && [ -n "${CARELOOP_BENCH_POSTGRES:-}" ]; then
  db=careloop_bench_$$
  psql "$(libpq "$CARELOOP_BENCH_POSTGRES")" -qc "CREATE DATABASE $db" >/dev/null
  run Postgres "$(echo "$CARELOOP_BENCH_POSTGRES" | sed "s/Database=[^;]*/Database=$db/")"
  psql "$(libpq "$CARELOOP_BENCH_POSTGRES")" -qc "DROP DATABASE $db" >/dev/null
fi
