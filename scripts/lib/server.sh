# The server as ops run it: published in Release, ReadyToRun (precompiled, so a process starts without JIT-compiling
# its start-up path) for this machine's runtime. Source this file, then: dll="$(publish_server)".
publish_server() {
  local root out
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  out="$root/artifacts/server"
  dotnet publish "$root/src/DeepWorkMap.Server" -c Release --use-current-runtime --self-contained false \
    -p:PublishReadyToRun=true -o "$out" -v q -nologo >&2
  echo "$out/DeepWorkMap.Server.dll"
}
