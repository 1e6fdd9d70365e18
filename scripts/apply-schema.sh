#!/usr/bin/env bash
# Applies every script in sql/ to a PostgreSQL database, in order. Idempotent.
# Usage: scripts/apply-schema.sh "postgresql://user:password@host:port/database"
# (the server also applies them itself at start-up unless Database:ApplySchemaOnStartup=false).
set -euo pipefail
url="${1:?usage: $0 postgresql://user:password@host:port/database}"
here="$(cd "$(dirname "$0")/.." && pwd)"
for f in "$here"/sql/*.sql; do
  echo "applying $(basename "$f")"
  psql "$url" -v ON_ERROR_STOP=1 -q -f "$f"
done
