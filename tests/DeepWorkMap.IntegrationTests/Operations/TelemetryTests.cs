using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Grains;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>Our counters move with what users do; an OTLP endpoint in configuration turns export on without breaking anything.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Sessions_joins_messages_and_searches_are_counted_and_the_server_runs_with_otlp_export_configured()
    {
        var seen = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == DeepWorkMetrics.MeterName) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => seen.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => seen.AddOrUpdate(instrument.Name, 1, (_, total) => total + 1));
        listener.Start();

        // Export to a collector that is not there: the server must start and answer regardless.
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["OpenTelemetry:OtlpEndpoint"] = $"http://127.0.0.1:{FreePort.Next()}" });
        var (host, _) = await server.SignUpAsync();
        var (guest, _) = await server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        (await guest.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "counted" })).EnsureSuccessStatusCode();
        (await guest.GetAsync($"/api/sessions/nearby?lat={session.Latitude}&lng={session.Longitude}&radiusKm=5")).EnsureSuccessStatusCode();
        (await host.PostAsync($"/api/sessions/{session.Id}/end", null)).EnsureSuccessStatusCode();

        // Other tests run in parallel in this process and count too: at least ours must be there.
        foreach (var name in new[] { "deepwork.sessions.created", "deepwork.joins", "deepwork.messages", "deepwork.search.duration", "deepwork.sessions.finished" })
            Assert.True(seen.GetValueOrDefault(name) >= 1, $"{name} was not recorded");
        using var client = server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
