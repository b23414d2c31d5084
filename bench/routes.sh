#!/usr/bin/env bash
# Issue 6 benchmark: route quality of the OR-Tools planner against the greedy baseline on the issue's generated
# instance (500 jobs, 50 engineers, 50 × 50 km, 30 km/h straight line, 45-min service, 2-hour windows, 10 jobs
# each, home by 19:30). Usage: bench/routes.sh [seconds=10] [seeds="1 2 3"]; extra arguments after the seeds go to
# `CareLoop.Bench routes` (e.g. --initial Both). Both plans are checked by RouteVerifier; a violation fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
seeds=${2:-1 2 3}
shift $(( $# > 2 ? 2 : $# ))
dotnet build bench/CareLoop.Bench -c Release -v q -nologo >/dev/null
bench=bench/CareLoop.Bench/bin/Release/net10.0/CareLoop.Bench.dll
echo "commit $(git rev-parse --short HEAD), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for seed in $seeds; do
  echo "== seed $seed, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  dotnet "$bench" routes --seed "$seed" --seconds "$seconds" "$@"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
