#!/usr/bin/env bash
# Copies the web page's libraries from node_modules (installed from package-lock.json by `npm ci`)
# into src/DeepWorkMap.Server/wwwroot/vendor, where the server serves them: no CDN, and `dotnet run`
# needs no Node.js. The test suite checks that the copies still match node_modules byte for byte.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
modules="$root/node_modules"
vendor="$root/src/DeepWorkMap.Server/wwwroot/vendor"
[ -d "$modules" ] || (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
rm -rf "$vendor"
mkdir -p "$vendor/leaflet/images" "$vendor/signalr" "$vendor/topojson" "$vendor/world-atlas" "$vendor/chartjs"
cp "$modules/leaflet/dist/leaflet.js" "$modules/leaflet/dist/leaflet.css" "$vendor/leaflet/"
cp "$modules/leaflet/dist/images/"*.png "$vendor/leaflet/images/"
cp "$modules/@microsoft/signalr/dist/browser/signalr.min.js" "$vendor/signalr/"
cp "$modules/topojson-client/dist/topojson-client.min.js" "$vendor/topojson/"
cp "$modules/world-atlas/land-110m.json" "$vendor/world-atlas/"
cp "$modules/chart.js/dist/chart.umd.min.js" "$vendor/chartjs/"
echo "vendored into $vendor"
