#!/usr/bin/env bash
# Issue 6 benchmark 1: dispatch decisions with 1,300 engineers in 21 provinces (~2,600 districts).
#  1. the engine alone (area lookup, hard rules, scores; in memory) over 20,000 generated jobs;
#  2. end to end on PostgreSQL: the app on a fresh database, the network written into it, ORDERS_SECONDS of signed
#     platform orders from all over China (automatic dispatch off, so they wait), then every waiting order dispatched
#     through POST /api/v1/dispatch/work-orders/{id}/auto by CONCURRENCY clients: decisions/s, client latency, and the
#     server's own time per decision (recorded with each decision: reads and engine, its write excluded).
# Usage: CARELOOP_BENCH_POSTGRES='Host=127.0.0.1;Port=55432;Username=…;Password=…;Database=postgres' bench/dispatch.sh [orders-seconds=20] [concurrency=8]
set -euo pipefail
cd "$(dirname "$0")/.."
orders_seconds=${1:-20}
concurrency=${2:-8}
[ -n "${CARELOOP_BENCH_POSTGRES:-}" ] || { echo "CARELOOP_BENCH_POSTGRES is required (an admin connection string)" >&2; exit 2; }
port=5096
password=Bench-Pass-2026
secret=bench-dispatch-secret-2026
work=$(mktemp -d)
db=careloop_dispatch_$$
libpq() { python3 -c 'import sys;print(" ".join(p.replace("Username","user").replace("Password","password").replace("Host","host").replace("Port","port").replace("Database","dbname") for p in sys.argv[1].split(";") if p))' "$1"; }
admin=$(libpq "$CARELOOP_BENCH_POSTGRES")
connection=$(echo "$CARELOOP_BENCH_POSTGRES" | sed "s/Database=[^;]*/Database=$db/")
app_pid=
cleanup() { [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true; psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
dotnet build src/CareLoop -c Release -v q -nologo >/dev/null
dotnet build bench/CareLoop.Bench -c Release -v q -nologo >/dev/null
app=src/CareLoop/bin/Release/net10.0/CareLoop.dll
bench=bench/CareLoop.Bench/bin/Release/net10.0/CareLoop.Bench.dll
start_app() {
  ASPNETCORE_ENVIRONMENT=Development Demo__Password=$password Demo__IntegrationSecret=$secret Database__Provider=Postgres ConnectionStrings__CareLoop="$connection" \
    Outbox__Enabled=false Dispatch__Automatic=false Logging__LogLevel__Default=Warning dotnet "$app" --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/CareLoop" >>"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 1200); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0; sleep 0.1; done
  cat "$work/app.log"; exit 1
}
stop_app() { kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== engine alone (in memory)"
dotnet "$bench" dispatch-engine --engineers 1300 --hubs 21 --jobs 20000

echo "== end to end on PostgreSQL"
psql "$admin" -qc "CREATE DATABASE $db" >/dev/null
start_app; stop_app                                   # migrate + demo seed
dotnet "$bench" dispatch-network --connection "$connection" --engineers 1300 --hubs 21
start_app
dotnet "$bench" intake --url "http://127.0.0.1:$port" --secret $secret --connections 8 --duration "$orders_seconds" --warmup 1 | grep -E '^intake,'
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$bench" dispatch-run --url "http://127.0.0.1:$port" --password $password --connection "$connection" --concurrency "$concurrency"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
psql "$(libpq "$connection")" -Atc "SELECT 'server-decision-ms,n=' || count(*) || ',p50=' || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t)::numeric, 2) || ',p95=' || round(percentile_cont(0.95) WITHIN GROUP (ORDER BY t)::numeric, 2) || ',p99=' || round(percentile_cont(0.99) WITHIN GROUP (ORDER BY t)::numeric, 2) || ',max=' || round(max(t)::numeric, 2) FROM (SELECT (\"Explanation\"::json->>'decidedInMs')::float AS t FROM \"DispatchDecisions\" WHERE \"Explanation\" <> '') d"
echo "memory,$(grep -E 'VmHWM' "/proc/$app_pid/status" | tr -s ' \t' ' ')"
stop_app
# errors the app logged, if any
grep -A12 -E '^(fail|crit)' "$work/app.log" | grep -oE '^(fail|crit): [A-Za-z.]+|[A-Za-z.]+Exception[^:]*: [^,.]{0,160}' | sort | uniq -c | sort -rn | head -12 || true
