#!/usr/bin/env bash
# Adds an EF Core migration named NAME to every provider's migration set (SQLite, PostgreSQL, SQL Server), with the
# model snapshot of each, under src/Dashboard.Infrastructure/Data/Migrations/<Provider>/.
# Usage: scripts/add-migration.sh NAME   (PascalCase, e.g. AddCustomerTags)
# See docs/decisions/0002-generated-migrations-per-provider.md. No database is needed.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "Usage: $0 NAME" >&2
  exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build tools/Dashboard.MigrationTool/Dashboard.MigrationTool.csproj -c Release -nologo -v quiet
dotnet artifacts/bin/Dashboard.MigrationTool/release/Dashboard.MigrationTool.dll add "$1"
