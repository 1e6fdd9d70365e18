# One image for every silo (each co-hosts a front door). Built by docker-compose.yml.
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
EXPOSE 8080 11111 30000
ENTRYPOINT ["dotnet", "DeepWorkMap.Server.dll"]
