# One image for every process: a silo with its front door, a silo alone or a front door alone (Role). Built by both
# compose files; deploy/kubernetes runs it too.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# ReadyToRun: precompiled for the image's runtime, so a silo starts without JIT-compiling its start-up path.
RUN dotnet publish src/DeepWorkMap.Server/DeepWorkMap.Server.csproj -c Release --use-current-runtime --self-contained false \
    -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# The image's unprivileged user (UID 1654, which deploy/kubernetes runs as); nothing here needs root.
USER $APP_UID
# The public port, the operations listener (metrics, dashboard), the silo and gateway ports.
EXPOSE 8080 9090 11111 30000
ENTRYPOINT ["dotnet", "DeepWorkMap.Server.dll"]
