#!/usr/bin/env bash
# Gives and takes the moderator role, on a cluster's PostgreSQL database, and exits.
# Usage: scripts/moderators.sh "Host=HOST;Port=5432;Username=USER;Password=PASSWORD;Database=DATABASE" list
#        scripts/moderators.sh "…" grant  <username | email | account id>
#        scripts/moderators.sh "…" revoke <username | email | account id>
# The role belongs to the account (stored by id): renaming or closing it never passes the role on. It takes effect
# on the next request, on every front door.
set -euo pipefail
connection="${1:?usage: $0 \"Host=…;Port=…;Username=…;Password=…;Database=…\" list | grant ACCOUNT | revoke ACCOUNT}"
shift
command -v dotnet >/dev/null || { echo "FATAL: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/server.sh"
dll="$(publish_server)"
ConnectionStrings__Postgres="$connection" dotnet "$dll" moderators "$@"
