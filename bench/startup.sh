#!/usr/bin/env bash
# Time from `dotnet CareLoop.dll` to a healthy /health/ready, on a fresh SQLite file (first run: migrations +
# demo seed) and on an existing one (warm start). Issue 2 requires "healthy within 30 s" on a fresh clone.
# Usage: bench/startup.sh [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
dotnet build src/CareLoop -c Release -v q -nologo >/dev/null
dll=src/CareLoop/bin/Release/net10.0/CareLoop.dll
port=5099
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() {
  local db=$1 start end pid
  start=$(date +%s%N)
  ASPNETCORE_ENVIRONMENT=Development Demo__Password=Bench-Pass-2026 Database__SqlitePath="$db" \
    dotnet "$dll" --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/CareLoop" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { echo "the app exited" >&2; exit 1; }
    sleep 0.05
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

echo "run,fresh_ms,warm_ms"
for i in $(seq 1 "$runs"); do
  db="$work/careloop-$i.db"
  fresh=$(measure "$db")
  warm=$(measure "$db")
  echo "$i,$fresh,$warm"
done
