#!/usr/bin/env bash
# Issue 5 benchmark: signed platform order intake (POST /api/v1/integrations/orders) under a closed-loop load of
# CONNECTIONS concurrent connections for DURATION seconds (after a 5 s warm-up), every request a new order (one unit,
# installation; 20 % returning buyers), on a database that already holds CUSTOMERS customers with two units each.
# Usage: bench/intake.sh [duration=60] [connections=32] [customers=1000000]
# SQLite always; PostgreSQL too when CARELOOP_BENCH_POSTGRES holds an admin connection string
# (e.g. 'Host=127.0.0.1;Port=55432;Username=careloop;Password=…;Database=postgres'), preceded by pgbench's TPC-B-like
# run (scale 10, 8 clients, 30 s, its own database) as the machine's baseline.
# CARELOOP_BENCH_PROVIDERS=both|sqlite|postgres (default both) skips the other provider; postgres needs the above.
# CARELOOP_BENCH_BATCH=N sends the orders N at a time to /orders:batch instead (the peak path).
# CARELOOP_BENCH_KEEP=DIR keeps the generated databases (SQLite file and sample phones in DIR, PostgreSQL database
# careloop_intake_CUSTOMERS) and reuses them on the next run instead of generating again (the orders of earlier runs
# stay in them: each run's orders have their own ids).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-60}
connections=${2:-32}
customers=${3:-1000000}
providers=${CARELOOP_BENCH_PROVIDERS:-both}
case $providers in
  both | sqlite) ;;
  postgres) [ -n "${CARELOOP_BENCH_POSTGRES:-}" ] || { echo "CARELOOP_BENCH_PROVIDERS=postgres needs CARELOOP_BENCH_POSTGRES" >&2; exit 2; } ;;
  *) echo "CARELOOP_BENCH_PROVIDERS must be both, sqlite or postgres, not '$providers'" >&2; exit 2 ;;
esac
port=5094
password=Bench-Pass-2026
secret=bench-intake-secret-2026
keep=${CARELOOP_BENCH_KEEP:-}
key=$(python3 -c 'import json;print(json.load(open("src/CareLoop/appsettings.Development.json"))["Security"]["DataEncryptionKey"])')
work=$(mktemp -d)
data=${keep:-$work}
mkdir -p "$data"
app_pid=
cleanup() { [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
dotnet build src/CareLoop -c Release -v q -nologo >/dev/null
dotnet build bench/CareLoop.Bench -c Release -v q -nologo >/dev/null
app=src/CareLoop/bin/Release/net10.0/CareLoop.dll
bench=bench/CareLoop.Bench/bin/Release/net10.0/CareLoop.Bench.dll
libpq() { python3 -c 'import sys;print(" ".join(p.replace("Username","user").replace("Password","password").replace("Host","host").replace("Port","port").replace("Database","dbname") for p in sys.argv[1].split(";") if p))' "$1"; }

start_app() { # provider connection
  ASPNETCORE_ENVIRONMENT=Development Demo__Password=$password Demo__IntegrationSecret=$secret Database__Provider=$1 ConnectionStrings__CareLoop="$2" \
    Outbox__Enabled=false Logging__LogLevel__Default=Warning dotnet "$app" --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/CareLoop" >>"$work/app.log" 2>&1 &
  app_pid=$!
  # up to 3 minutes: on SQLite the first start after generating analyses every table (PRAGMA optimize)
  for _ in $(seq 1 1800); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0; sleep 0.1; done
  cat "$work/app.log"; exit 1
}
stop_app() { kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime of a process, in clock ticks
pg_ticks() { # database: utime + stime of its server processes (the app's pooled connections live as long as the app)
  local total=0 pid
  for pid in $(pgrep -f "postgres: [^ ]+ $1 " || true); do total=$((total + $(cpu_ticks "$pid" 2>/dev/null || echo 0))); done
  echo $total
}
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }   # whole machine: user nice system irq softirq

prepare() { # provider connection sample
  echo "== $1: $customers customers, $((customers * 2)) units"
  start_app "$1" "$2"; stop_app                       # migrate + demo seed
  dotnet "$bench" generate --provider "$1" --connection "$2" --key "$key" --customers "$customers" --units-per-customer 2 --sample "$3"
  # Statistics as a live database has them, no autovacuum inside the run, the bulk load's writeback over.
  if [ "$1" = Postgres ]; then psql "$(libpq "$2")" -qc "VACUUM ANALYZE" -c "CHECKPOINT" >/dev/null; fi
  sync
}

run() { # provider connection sample
  echo "== $1: intake, $connections connections, ${duration} s"
  start_app "$1" "$2"
  local hz app0 busy0 t0 app1 busy1 t1
  hz=$(getconf CLK_TCK)
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  app0=$(cpu_ticks "$app_pid"); busy0=$(busy_ticks); t0=$(date +%s%N)
  if [ -n "${CARELOOP_BENCH_BATCH:-}" ]; then
    # The peak path: orders:batch, CARELOOP_BENCH_BATCH orders per request (each order still its own transaction).
    dotnet "$bench" intake-batch --url "http://127.0.0.1:$port" --secret $secret --connections "$connections" --duration "$duration" \
      --sample "$3" --batch "$CARELOOP_BENCH_BATCH"
  else
    dotnet "$bench" intake --url "http://127.0.0.1:$port" --secret $secret --connections "$connections" --duration "$duration" \
      --sample "$3" --log "$work/intake-$1.csv"
  fi
  app1=$(cpu_ticks "$app_pid"); busy1=$(busy_ticks); t1=$(date +%s%N)
  local wall=$(((t1 - t0) / 1000000))
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  local pg=0
  [ "$1" != Postgres ] || pg=$(pg_ticks "$db")
  echo "cpu,wall=${wall}ms,app=$(((app1 - app0) * 1000 / hz))ms,postgres-backends=$((pg * 1000 / hz))ms,machine-busy=$(((busy1 - busy0) * 1000 / hz))ms,cores=$(nproc)"
  echo "memory,$(grep -E 'VmHWM|VmRSS' "/proc/$app_pid/status" | tr -s ' \t' ' ' | paste -sd,)"
  stop_app
  # errors the app logged (a unique violation the intake retries is logged by EF as a failed command too)
  grep -A12 -E '^(fail|crit)' "$work/app.log" | grep -oE '^(fail|crit): [A-Za-z.]+|(Npgsql.PostgresException|SqliteException|[A-Za-z.]+Exception)[^:]*: [^,.]{0,120}|unique constraint "[^"]+"' | sort | uniq -c | sort -rn | head -12 || true
}

sqlite_db=$data/intake-$customers.db
if [ "$providers" != postgres ]; then
  [ -f "$data/intake-sample-sqlite.txt" ] || prepare Sqlite "Data Source=$sqlite_db;Pooling=true" "$data/intake-sample-sqlite.txt"
  run Sqlite "Data Source=$sqlite_db;Pooling=true" "$data/intake-sample-sqlite.txt"
  [ -z "$keep" ] || echo "kept $sqlite_db"
fi
if [ "$providers" != sqlite ] && [ -n "${CARELOOP_BENCH_POSTGRES:-}" ]; then
  admin=$(libpq "$CARELOOP_BENCH_POSTGRES")
  db=careloop_intake_$customers
  [ -n "$keep" ] || db=careloop_intake_$$
  connection=$(echo "$CARELOOP_BENCH_POSTGRES" | sed "s/Database=[^;]*/Database=$db/")
  if [ -z "$keep" ] || [ ! -f "$data/intake-sample-postgres.txt" ]; then
    psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
    [ -n "$keep" ] || trap 'cleanup; psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true' EXIT
    prepare Postgres "$connection" "$data/intake-sample-postgres.txt"
  fi

  echo "== pgbench: TPC-B-like, scale 10, 8 clients, 30 s"
  pgbench=$(command -v pgbench || echo /usr/lib/postgresql/15/bin/pgbench)
  pb=$(echo "$CARELOOP_BENCH_POSTGRES" | sed "s/Database=[^;]*/Database=careloop_pgbench_$$/")
  psql "$admin" -qc "CREATE DATABASE careloop_pgbench_$$" >/dev/null
  "$pgbench" -i -s 10 -q "$(libpq "$pb")" >/dev/null 2>&1
  "$pgbench" -c 8 -j 2 -T 30 "$(libpq "$pb")" 2>/dev/null | grep -E '^(latency average|tps|number of transactions actually)'
  psql "$admin" -qc "DROP DATABASE careloop_pgbench_$$ WITH (FORCE)" >/dev/null
  psql "$admin" -Atc "SELECT 'server,' || version()" -c "SELECT 'settings,' || string_agg(name || '=' || setting, ',') FROM pg_settings WHERE name IN ('fsync','synchronous_commit','shared_buffers','max_connections','max_wal_size')"

  run Postgres "$connection" "$data/intake-sample-postgres.txt"
  [ -z "$keep" ] || echo "kept PostgreSQL database $db"
fi
