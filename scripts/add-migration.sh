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
    --context CareLoopDbContext \
    --project "src/CareLoop.Migrations.$provider" \
    --startup-project src/CareLoop \
    --output-dir Migrations \
    -- --provider "$provider"
  # The migration project cannot see the host's context type: tag the new files with its own marker (ADR 0002).
  sed -i "s/typeof(CareLoopDbContext)/typeof(${provider}MigrationsContext)/; /^using CareLoop.Platform.Persistence;/d" \
    "src/CareLoop.Migrations.$provider"/Migrations/*.cs
done
