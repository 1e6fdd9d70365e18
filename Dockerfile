# One image for every process: a silo with its front door, a silo alone or a front door alone (Role). Built by both
# compose files; deploy/kubernetes runs it too.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# Self-contained, ReadyToRun composite: the runtime, ASP.NET Core, the libraries and the app precompiled together as one
# unit, so a starting silo JIT-compiles almost nothing, not even the generic instantiations across libraries that a
# per-assembly ReadyToRun build leaves to the JIT. It started 0.6-0.9 s sooner (docs/benchmarks.md, Cold start); the
# price is this step's time (10-40 minutes on two cores) and a larger image.
RUN dotnet publish src/DeepWorkMap.Server/DeepWorkMap.Server.csproj -c Release --use-current-runtime --self-contained true \
    -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o /app

# The runtime is in /app: the base needs only what it links against (the C library, OpenSSL, ICU).
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# The image's unprivileged user (UID 1654, which deploy/kubernetes runs as); nothing here needs root.
USER $APP_UID
# The public port, the operations listener (metrics, dashboard), the silo and gateway ports.
EXPOSE 8080 9090 11111 30000
ENTRYPOINT ["./DeepWorkMap.Server"]
