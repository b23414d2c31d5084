#!/usr/bin/env bash
# Issue 5 crash test: SIGKILL the app in the middle of an order-intake load run on PostgreSQL, restart it, resend
# every order that got no answer, then prove from the client's log of answers that
#   - every order answered 200/202 exists exactly once: its PlatformOrders row with the ids it was answered with, its
#     work order, unit and "work order created" outbox message;
#   - nothing else was created: no platform order, work order, unit, outbox message or customer without an answered
#     order behind it. An order committed whose answer was lost in the kill is legitimate: its resend must answer 200
#     with the ids on file; an order never committed must answer 202 on resend. Every resend must answer 200 or 202.
# Usage: bench/intake-crash.sh [duration=40] [connections=32] [kill-after=15] [down=3]
# Needs CARELOOP_BENCH_POSTGRES (an admin connection string, see bench/intake.sh); runs on a fresh database, dropped
# at the end unless CARELOOP_BENCH_KEEP is set. Exits 1 on any violation.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-40}
connections=${2:-32}
kill_after=${3:-15}
down=${4:-3}
[ -n "${CARELOOP_BENCH_POSTGRES:-}" ] || { echo "bench/intake-crash.sh needs CARELOOP_BENCH_POSTGRES" >&2; exit 2; }
port=5092
secret=bench-intake-secret-2026
run_id=CRASH$$T$(date +%s)
work=$(mktemp -d)
libpq() { python3 -c 'import sys;print(" ".join(p.replace("Username","user").replace("Password","password").replace("Host","host").replace("Port","port").replace("Database","dbname") for p in sys.argv[1].split(";") if p))' "$1"; }
admin=$(libpq "$CARELOOP_BENCH_POSTGRES")
db=careloop_crash_$$
connection=$(echo "$CARELOOP_BENCH_POSTGRES" | sed "s/Database=[^;]*/Database=$db/")
app_pid=
client_pid=
cleanup() {
  [ -z "$client_pid" ] || kill "$client_pid" 2>/dev/null || true
  [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true
  [ -n "${CARELOOP_BENCH_KEEP:-}" ] || psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
dotnet build src/CareLoop -c Release -v q -nologo >/dev/null
dotnet build bench/CareLoop.Bench -c Release -v q -nologo >/dev/null
app=src/CareLoop/bin/Release/net10.0/CareLoop.dll
bench=bench/CareLoop.Bench/bin/Release/net10.0/CareLoop.Bench.dll

start_app() {
  ASPNETCORE_ENVIRONMENT=Development Demo__Password=Bench-Pass-2026 Demo__IntegrationSecret=$secret Database__Provider=Postgres \
    ConnectionStrings__CareLoop="$connection" Outbox__Enabled=false Logging__LogLevel__Default=Warning \
    dotnet "$app" --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/CareLoop" >>"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 600); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0; sleep 0.1; done
  cat "$work/app.log"; exit 1
}
sql() { psql "$(libpq "$connection")" -v ON_ERROR_STOP=1 -qAt "$@"; }

psql "$admin" -qc "CREATE DATABASE $db" >/dev/null
start_app
since=$(sql -c "SELECT now()")
echo "== run $run_id: $connections connections for ${duration} s, SIGKILL after ${kill_after} s, down ${down} s"
dotnet "$bench" intake --url "http://127.0.0.1:$port" --secret $secret --connections "$connections" --warmup 0 --duration "$duration" \
  --timeout 10 --run "$run_id" --log "$work/answers.csv" >"$work/client.out" &
client_pid=$!
sleep "$kill_after"
kill -9 "$app_pid"
wait "$app_pid" 2>/dev/null || true
echo "killed the app (pid $app_pid) with SIGKILL at $(date +%T)"
sleep "$down"
start_app
echo "restarted the app (pid $app_pid) at $(date +%T)"
wait "$client_pid"
client_pid=
cat "$work/client.out"
dotnet "$bench" intake-resend --url "http://127.0.0.1:$port" --secret $secret --log "$work/answers.csv" --out "$work/resent.csv"
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=

# The answers (run + resends) into the database, then every check as one query each: a count of violations.
{ tail -n +2 "$work/answers.csv" | sed 's/$/,run/'; tail -n +2 "$work/resent.csv" | sed 's/$/,resend/'; } >"$work/all.csv"
sql <<SQL
CREATE TABLE bench_answers (seq bigint, platform_order_id text, status int, micros bigint, phase text, order_id text, work_order_ids text, pass text);
\copy bench_answers FROM '$work/all.csv' WITH (FORMAT csv)
SQL
ours="\"PlatformOrderId\" LIKE '$run_id-%'"
violations=0
check() { # description query-returning-rows-of-violations
  local found
  found=$(sql -c "$2")
  if [ -n "$found" ]; then
    violations=$((violations + $(echo "$found" | wc -l)))
    echo "VIOLATION: $1 ($(echo "$found" | wc -l)), e.g.:"
    echo "$found" | head -5 | sed 's/^/    /'
  else
    echo "ok: $1"
  fi
}
check "an answered order (200/202) without exactly one platform order with the answered ids" "
  SELECT a.platform_order_id, a.status, a.order_id, count(p.\"Id\")
  FROM bench_answers a LEFT JOIN \"PlatformOrders\" p ON p.\"Platform\" = 'tmall' AND p.\"PlatformOrderId\" = a.platform_order_id
  WHERE a.status IN (200, 202)
  GROUP BY a.platform_order_id, a.status, a.order_id, a.work_order_ids
  HAVING count(p.\"Id\") <> 1 OR min(p.\"Id\"::text) <> a.order_id OR min(replace(p.\"WorkOrderIds\", ',', ';')) <> a.work_order_ids"
check "an order answered 202 more than once (created twice)" "
  SELECT platform_order_id, count(*) FROM bench_answers WHERE status = 202 GROUP BY platform_order_id HAVING count(*) > 1"
check "a platform order without any 200/202 answer" "
  SELECT p.\"PlatformOrderId\" FROM \"PlatformOrders\" p
  WHERE $ours AND NOT EXISTS (SELECT 1 FROM bench_answers a WHERE a.platform_order_id = p.\"PlatformOrderId\" AND a.status IN (200, 202))"
check "a platform order answered 202 by the resend although it had been answered 2xx in the run" "
  SELECT r.platform_order_id FROM bench_answers r JOIN bench_answers a ON a.platform_order_id = r.platform_order_id AND a.pass = 'run' AND a.status IN (200, 202)
  WHERE r.pass = 'resend' AND r.status = 202"
check "a resend not answered 200 or 202" "
  SELECT platform_order_id, status, work_order_ids FROM bench_answers WHERE pass = 'resend' AND status NOT IN (200, 202)"
check "an order of the run left without a 200/202 answer after the resend" "
  SELECT platform_order_id, string_agg(status::text, ' ') FROM bench_answers GROUP BY platform_order_id HAVING bool_or(status IN (200, 202)) IS NOT TRUE"
check "a platform order whose work orders are not exactly its one installation, of its customer" "
  SELECT p.\"PlatformOrderId\", p.\"WorkOrderIds\" FROM \"PlatformOrders\" p
  WHERE $ours AND (cardinality(string_to_array(p.\"WorkOrderIds\", ',')) <> 1 OR NOT EXISTS (SELECT 1 FROM \"WorkOrders\" w
    WHERE w.\"Id\" = nullif(split_part(p.\"WorkOrderIds\", ',', 1), '')::uuid AND w.\"CustomerId\" = p.\"CustomerId\"))"
check "a work order of the run that no platform order lists" "
  SELECT w.\"Id\", w.\"Description\" FROM \"WorkOrders\" w WHERE w.\"CreatedAt\" >= '$since'
  AND w.\"Id\" NOT IN (SELECT unnest(string_to_array(\"WorkOrderIds\", ','))::uuid FROM \"PlatformOrders\")"
check "a platform order without exactly one unit (order number = platform order id)" "
  SELECT p.\"PlatformOrderId\", count(u.\"Id\") FROM \"PlatformOrders\" p LEFT JOIN \"RegisteredUnits\" u ON u.\"OrderNumber\" = p.\"PlatformOrderId\"
  WHERE $ours GROUP BY p.\"PlatformOrderId\" HAVING count(u.\"Id\") <> 1"
check "a unit of the run without its platform order" "
  SELECT u.\"OrderNumber\" FROM \"RegisteredUnits\" u WHERE u.\"OrderNumber\" LIKE '$run_id-%'
  AND NOT EXISTS (SELECT 1 FROM \"PlatformOrders\" p WHERE p.\"PlatformOrderId\" = u.\"OrderNumber\")"
check "a work order of the run without exactly one 'work order created' outbox message" "
  SELECT w.\"Id\", count(m.\"Id\") FROM \"WorkOrders\" w
  LEFT JOIN \"OutboxMessages\" m ON m.\"Type\" LIKE '%.WorkOrderCreated' AND (m.\"Payload\"::json ->> 'workOrderId')::uuid = w.\"Id\"
  WHERE w.\"CreatedAt\" >= '$since' GROUP BY w.\"Id\" HAVING count(m.\"Id\") <> 1"
check "a 'work order created' outbox message of the run without its work order" "
  SELECT m.\"Id\" FROM \"OutboxMessages\" m WHERE m.\"Type\" LIKE '%.WorkOrderCreated' AND m.\"OccurredAt\" >= '$since'
  AND NOT EXISTS (SELECT 1 FROM \"WorkOrders\" w WHERE w.\"Id\" = (m.\"Payload\"::json ->> 'workOrderId')::uuid)"
check "a customer created in the run that no platform order points to" "
  SELECT c.\"Id\" FROM \"Customers\" c WHERE c.\"CreatedAt\" >= '$since'
  AND NOT EXISTS (SELECT 1 FROM \"PlatformOrders\" p WHERE p.\"CustomerId\" = c.\"Id\")"
check "a buyer's phone on file twice (one customer per phone)" "
  SELECT \"BlindIndex\", count(*) FROM \"CustomerPhones\" GROUP BY \"BlindIndex\" HAVING count(*) > 1"

echo "== summary"
sql -F ' ' <<SQL
SELECT 'run answers: ' || string_agg(status || '=' || n, ', ' ORDER BY status) FROM (SELECT status, count(*) n FROM bench_answers WHERE pass = 'run' GROUP BY status) s;
SELECT 'no answer in the run, by cause: ' || coalesce(string_agg(work_order_ids || '=' || n, ', '), 'none') FROM (SELECT work_order_ids, count(*) n FROM bench_answers WHERE pass = 'run' AND status = 0 GROUP BY work_order_ids) s;
SELECT 'resent: ' || count(*) || ' (200 = committed before the kill, answer lost: ' || count(*) FILTER (WHERE status = 200) || '; 202 = never committed: ' || count(*) FILTER (WHERE status = 202) || ')' FROM bench_answers WHERE pass = 'resend';
SELECT 'on file: ' || (SELECT count(*) FROM "PlatformOrders" WHERE $ours) || ' platform orders, ' || (SELECT count(*) FROM "WorkOrders" WHERE "CreatedAt" >= '$since') || ' work orders, ' ||
  (SELECT count(*) FROM "RegisteredUnits" WHERE "OrderNumber" LIKE '$run_id-%') || ' units, ' || (SELECT count(*) FROM "Customers" WHERE "CreatedAt" >= '$since') || ' new customers, ' ||
  (SELECT count(*) FROM "RejectedPlatformOrders") || ' refused orders; distinct orders sent: ' || (SELECT count(DISTINCT platform_order_id) FROM bench_answers);
SQL
# errors the app logged (a unique violation the intake retries is logged by EF as a failed command too)
grep -A12 -E '^(fail|crit)' "$work/app.log" | grep -oE '^(fail|crit): [A-Za-z.]+|(Npgsql.PostgresException|SqliteException|[A-Za-z.]+Exception)[^:]*: [^,.]{0,120}|unique constraint "[^"]+"' | sort | uniq -c | sort -rn | head -12 || true
if [ "$violations" -gt 0 ]; then
  echo "FAILED: $violations violation(s)"
  exit 1
fi
echo "PASSED: every answered order exists exactly once, nothing else was created"
