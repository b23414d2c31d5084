#!/usr/bin/env bash
# Issue 8 benchmark: closing a month's statements for 1,300 engineers and 400,000 work orders' ledger entries on PostgreSQL.
#  1. the app on a fresh database (migrations + demo data), stopped;
#  2. a month of ledger entries written with COPY by the bench tool (settlement-seed): per job base, distance, bonus, penalty,
#     and the provider's line for 70 % of the engineers, plus each engineer's balance brought forward;
#  3. the app started again; POST /api/v1/settlement/months/close for that month, RUNS times (the later runs replace the drafts):
#     client wall time, the handler's own time, statements generated, and the app's peak resident memory (VmHWM).
# Usage: CARELOOP_BENCH_POSTGRES='Host=127.0.0.1;Port=55432;Username=…;Password=…;Database=postgres' bench/settlement.sh [work-orders=400000] [engineers=1300] [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
work_orders=${1:-400000}
engineers=${2:-1300}
runs=${3:-3}
period=202610
[ -n "${CARELOOP_BENCH_POSTGRES:-}" ] || { echo "CARELOOP_BENCH_POSTGRES is required (an admin connection string)" >&2; exit 2; }
port=5131
password=Bench-Pass-2026
work=$(mktemp -d)
db=careloop_settlement_$$
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
  if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then echo "port $port is taken by another process" >&2; exit 1; fi
  ASPNETCORE_ENVIRONMENT=Development Demo__Password=$password Database__Provider=Postgres ConnectionStrings__CareLoop="$connection" \
    Outbox__Enabled=false Dispatch__Automatic=false Logging__LogLevel__Default=Warning dotnet "$app" --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/CareLoop" >>"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 1200); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0; sleep 0.1; done
  cat "$work/app.log"; exit 1
}
stop_app() { kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "postgres: $(psql "$admin" -Atc 'SHOW server_version')"
psql "$admin" -qc "CREATE DATABASE $db" >/dev/null
start_app; stop_app                                   # migrate + demo seed
dotnet "$bench" settlement-seed --connection "$connection" --engineers "$engineers" --work-orders "$work_orders" --period $period
start_app
token=$(curl -fsS "http://127.0.0.1:$port/api/v1/auth/token" -H 'content-type: application/json' \
  -d "{\"tenant\":\"demo-brand\",\"userName\":\"admin\",\"password\":\"$password\"}" | python3 -c 'import sys,json;print(json.load(sys.stdin)["accessToken"])')
echo "memory before,$(grep -E 'VmRSS' "/proc/$app_pid/status" | tr -s ' \t' ' ')"
for run in $(seq 1 "$runs"); do
  out=$(curl -fsS -o "$work/close.json" -w '%{time_total}' "http://127.0.0.1:$port/api/v1/settlement/months/close" \
    -H "Authorization: Bearer $token" -H 'content-type: application/json' -d "{\"period\":$period}")
  echo "close-month,run=$run,client_seconds=$out,$(python3 -c 'import json,sys;r=json.load(open(sys.argv[1]));print("server_ms=%.0f,generated=%d,kept=%d,closing_total_fen=%d" % (r["milliseconds"],r["generated"],r["kept"],r["closingTotalFen"]))' "$work/close.json")"
done
echo "memory,$(grep -E 'VmHWM' "/proc/$app_pid/status" | tr -s ' \t' ' ')"
psql "$(libpq "$connection")" -Atc "SELECT 'reconcile,ledger_fen=' || (SELECT sum(\"AmountFen\") FROM \"LedgerEntries\" WHERE \"Period\" <= $period) || ',statements_fen=' || (SELECT sum(\"ClosingFen\") FROM \"Statements\" WHERE \"Period\" = $period) || ',statements=' || (SELECT count(*) FROM \"Statements\" WHERE \"Period\" = $period)"
stop_app
grep -A12 -E '^(fail|crit)' "$work/app.log" | grep -oE '^(fail|crit): [A-Za-z.]+|[A-Za-z.]+Exception[^:]*: [^,.]{0,160}' | sort | uniq -c | sort -rn | head -12 || true
