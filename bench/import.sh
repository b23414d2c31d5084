#!/usr/bin/env bash
# Issue 3 benchmark: the import rate of a generated XLSX (customers + units, the import template's columns) into a
# fresh CareLoop, through the real upload API and the background importer. Usage: bench/import.sh [rows=100000]
# SQLite always; PostgreSQL too when CARELOOP_BENCH_POSTGRES holds an admin connection string. The import is run
# twice: the second run measures the idempotent re-import (every row already on file).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
port=5097
password=Bench-Pass-2026
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build src/CareLoop -c Release -v q -nologo >/dev/null
dotnet build bench/CareLoop.Bench -c Release -v q -nologo >/dev/null
app=src/CareLoop/bin/Release/net10.0/CareLoop.dll
bench=bench/CareLoop.Bench/bin/Release/net10.0/CareLoop.Bench.dll
dotnet "$bench" sheet --rows "$rows" --out "$work/customers.xlsx"

run() { # provider connection
  echo "== $1: $rows rows"
  ASPNETCORE_ENVIRONMENT=Development Demo__Password=$password Database__Provider=$1 ConnectionStrings__CareLoop="$2" Outbox__Enabled=false \
    Files__Root="$work/files" Logging__LogLevel__Default=Warning dotnet "$app" --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/CareLoop" >"$work/app.log" 2>&1 &
  for _ in $(seq 1 600); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
  dotnet "$bench" import --url "http://127.0.0.1:$port" --password $password --file "$work/customers.xlsx"
  dotnet "$bench" import --url "http://127.0.0.1:$port" --password $password --file "$work/customers.xlsx"
  kill %1; wait %1 2>/dev/null || true
}

run Sqlite "Data Source=$work/bench.db;Pooling=true"
if [ -n "${CARELOOP_BENCH_POSTGRES:-}" ]; then
  db=careloop_import_$$
  conn() { python3 -c 'import sys;print(" ".join(p.replace("Username","user").replace("Password","password").replace("Host","host").replace("Port","port").replace("Database","dbname") for p in sys.argv[1].split(";") if p))' "$CARELOOP_BENCH_POSTGRES"; }
  psql "$(conn)" -qc "CREATE DATABASE $db" >/dev/null
  run Postgres "$(echo "$CARELOOP_BENCH_POSTGRES" | sed "s/Database=[^;]*/Database=$db/")"
  psql "$(conn)" -qc "DROP DATABASE $db" >/dev/null
fi
