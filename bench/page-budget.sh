#!/usr/bin/env bash
# Issue 7's page budget: the engineer's job list (/m) and job page (/m/jobs/{id}) in Chromium at 360 × 740 on a
# throttled "Fast 3G" network (DevTools preset), cold (nothing cached) and warm (cache + service worker).
# Starts the app on a fresh SQLite file with demo data. Usage: bench/page-budget.sh [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
dotnet build src/CareLoop -c Release -v q -nologo >/dev/null
dotnet build bench/CareLoop.Bench -c Release -v q -nologo >/dev/null
port=5097
work=$(mktemp -d)
ASPNETCORE_ENVIRONMENT=Development Demo__Password=Bench-Pass-2026 Dispatch__Automatic=false Database__SqlitePath="$work/careloop.db" \
  dotnet src/CareLoop/bin/Release/net10.0/CareLoop.dll --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/CareLoop" >"$work/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 1200); do
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }
  sleep 0.1
done
echo "commit $(git rev-parse --short HEAD), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}')"
dotnet bench/CareLoop.Bench/bin/Release/net10.0/CareLoop.Bench.dll page-budget --url "http://127.0.0.1:$port" --password Bench-Pass-2026 --runs "$runs"
