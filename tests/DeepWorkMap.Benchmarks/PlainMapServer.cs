using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// The idle-connections baseline: a plain SignalR hub whose connections watch an area by joining the groups of the
/// 0.02° grid cells under it, and a create endpoint that sends the new session to its cell's group. No grains, no
/// accounts, no database, no filtering by distance (the clients ignore what they were not owed): the least a live
/// map can do. It sends the real hub's Session shape, so both put the same bytes on the wire.
/// </summary>
public static class PlainMapServer
{
    public const string HubPath = "/hubs/plain-map";

    /// <summary>The benchmark program's first argument that runs this server instead.</summary>
    public const string Command = "plain-map-hub";

    private const double CellDegrees = 0.02;

    /// <summary>Runs until killed, on ASPNETCORE_URLS (started by <see cref="ServerProcess.StartPlainMapHub"/>).</summary>
    public static async Task RunAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR().AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new UtcTimestampConverter()));
        var app = builder.Build();
        app.MapHub<PlainMapHub>(HubPath);
        app.MapGet("/health/ready", () => Results.Ok());
        app.MapPost("/api/sessions", async (CreateRequest request, IHubContext<PlainMapHub> hub) =>
        {
            var now = DateTimeOffset.UtcNow;
            var session = new SessionDto(Guid.NewGuid(), request.Title, request.Subject, request.SessionType, "scheduled", request.Latitude,
                request.Longitude, request.StartTime, request.StartTime.AddMinutes(request.DurationMinutes), request.DurationMinutes, 10, 1,
                new UserDto(Guid.NewGuid(), "host", "Host", null), now, now);
            await hub.Clients.Group(Cell(request.Latitude, request.Longitude)).SendAsync("sessionChanged", session);
            return Results.Created($"/api/sessions/{session.Id}", session);
        });
        await app.RunAsync();
    }

    private static string Cell(double latitude, double longitude) =>
        $"{Math.Floor(latitude / CellDegrees)}:{Math.Floor(longitude / CellDegrees)}";

    public sealed record CreateRequest(string Title, string Subject, string SessionType, double Latitude, double Longitude, DateTimeOffset StartTime, int DurationMinutes);

    public sealed class PlainMapHub : Hub
    {
        /// <summary>Joins the group of every cell the circle's bounding box touches.</summary>
        public async Task Watch(double latitude, double longitude, double radiusKm)
        {
            var dLat = radiusKm / 111.2;
            var dLng = dLat / Math.Cos(latitude * Math.PI / 180);
            for (var lat = Math.Floor((latitude - dLat) / CellDegrees); lat <= Math.Floor((latitude + dLat) / CellDegrees); lat++)
                for (var lng = Math.Floor((longitude - dLng) / CellDegrees); lng <= Math.Floor((longitude + dLng) / CellDegrees); lng++)
                    await Groups.AddToGroupAsync(Context.ConnectionId, $"{lat}:{lng}");
        }
    }
}
