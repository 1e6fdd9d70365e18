#!/usr/bin/env bash
# The page as a phone sees it: Lighthouse 12.2.3 (npm, pinned for Node 20), mobile preset (a mid-range phone on slow
# 4G, simulated), on the signed-out map and on an open session, against the published server in embedded mode.
# Map tiles are off (Web:TileUrl empty): no tile server is reachable here, and failing tiles would be counted as the
# page's console errors. Writes artifacts/benchmarks/lighthouse-*.json and page.md; run by scripts/benchmark.sh page.
# DWM_PAGE_BASELINE_SERVER=<a published DeepWorkMap.Server.dll> also measures that build, its runs alternating with
# this build's (baseline, this, baseline, this...), so that both see the same load on a shared machine.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/scripts/lib/services.sh"
source "$root/scripts/lib/server.sh"
ensure_node_modules "$root"
out="$root/artifacts/benchmarks"
mkdir -p "$out"
servers=()
trap 'for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done' EXIT

declare -A base session
# Starts a build on a free port, with a public session near the map's start: base[name] and session[name].
start_page_server() {
  local dll="$1" name="$2" port url token start
  port="$(free_port)"
  url="http://127.0.0.1:$port"
  base[$name]="$url"
  # Its own silo and gateway ports too: two builds (or another engineer's silo) may run at once.
  dotnet "$dll" --urls "$url" --Orleans:SiloPort "$(free_port)" --Orleans:GatewayPort "$(free_port)" --Web:TileUrl= --Accounts:SignupsPerAddressPerHour 0 --Email:RequireVerification false >"$out/page-server-$name.log" 2>&1 &
  servers+=($!)
  for _ in $(seq 1 60); do curl -sf "$url/health/ready" >/dev/null && break; sleep 1; done
  token="$(curl -sf -H 'Content-Type: application/json' -d '{"email":"lh@example.com","username":"lighthouse","displayName":"Ada","password":"correct horse battery"}' \
    "$url/api/auth/register" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')"
  start="$(date -u -d '+20 minutes' +%Y-%m-%dT%H:%M:%SZ)"
  session[$name]="$(curl -sf -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    -d "{\"title\":\"Thermodynamics revision\",\"subject\":\"Physics\",\"sessionType\":\"exam-prep\",\"latitude\":48.8566,\"longitude\":2.3522,\"startTime\":\"$start\",\"durationMinutes\":90,\"description\":\"Chapter 3: entropy.\"}" \
    "$url/api/sessions" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')"
}

builds=(this)
start_page_server "$(publish_server)" this
if [ -n "${DWM_PAGE_BASELINE_SERVER:-}" ]; then
  builds=(baseline this)
  start_page_server "$DWM_PAGE_BASELINE_SERVER" baseline
fi

export CHROME_PATH=/usr/bin/chromium
{
  echo "| page | performance (median of 3; the 3) | accessibility | best practices | SEO | first contentful paint | largest contentful paint | total blocking time | transferred |"
  echo "|---|---|---|---|---|---|---|---|---|"
} >"$out/page.md"
# Three runs of each page; the run with the median performance score is reported (Lighthouse's own advice for
# simulated throttling, whose CPU figures move with the machine's load).
for page in map session; do
  for i in 1 2 3; do
    for build in "${builds[@]}"; do
      path=/; [ "$page" = session ] && path="/?session=${session[$build]}"
      "$root/node_modules/.bin/lighthouse" "${base[$build]}$path" --quiet --chrome-flags="--headless=new --no-sandbox" \
        --only-categories=performance,accessibility,best-practices,seo --output=json --output-path="$out/lighthouse-$page-$build-$i.json"
    done
  done
  for build in "${builds[@]}"; do
    label="$page"; [ "${#builds[@]}" -gt 1 ] && label="$page ($build)"
    node -e '
      const runs = [1, 2, 3].map(i => require(`${process.argv[1]}-${i}.json`));
      const score = (r, c) => Math.round(r.categories[c].score * 100);
      runs.sort((x, y) => score(x, "performance") - score(y, "performance"));
      const r = runs[1];
      const a = id => r.audits[id];
      console.log(`| ${process.argv[2]} | ${score(r, "performance")} (${runs.map(x => score(x, "performance")).join(", ")}) | ${score(r, "accessibility")} | ` +
        `${score(r, "best-practices")} | ${score(r, "seo")} | ${a("first-contentful-paint").displayValue} | ${a("largest-contentful-paint").displayValue} | ` +
        `${a("total-blocking-time").displayValue} | ${(a("total-byte-weight").numericValue / 1024).toFixed(0)} KiB |`);
    ' "$out/lighthouse-$page-$build" "$label" >>"$out/page.md"
  done
done
echo "machine: $(nproc) cores, $(free -g | awk "/Mem:/ {print \$2}") GiB; load average $(cut -d" " -f1-3 /proc/loadavg); Lighthouse $("$root/node_modules/.bin/lighthouse" --version), Chromium $(/usr/bin/chromium --version 2>/dev/null | awk "{print \$2}")" >>"$out/page.md"
cat "$out/page.md"
