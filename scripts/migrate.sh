#!/usr/bin/env bash
# Applies the schema migrations (sql/NNN_*.sql) that a PostgreSQL database has not had yet, and exits.
# Usage: scripts/migrate.sh "Host=HOST;Port=5432;Username=USER;Password=PASSWORD;Database=DATABASE"
# The server also migrates at start-up unless Database:ApplySchemaOnStartup=false.
set -euo pipefail
connection="${1:?usage: $0 \"Host=…;Port=…;Username=…;Password=…;Database=…\" (an Npgsql connection string)}"
command -v dotnet >/dev/null || { echo "FATAL: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/server.sh"
dll="$(publish_server)"
ConnectionStrings__Postgres="$connection" dotnet "$dll" migrate
