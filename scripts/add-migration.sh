#!/usr/bin/env bash
# Adds a migration with the same name to both providers' migration projects.
# Usage: scripts/add-migration.sh <Name>
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/CareLoop -v q -nologo
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" \
    --no-build \
    --project "src/CareLoop.Migrations.$provider" \
    --startup-project src/CareLoop \
    --output-dir Migrations \
    -- --provider "$provider"
done
