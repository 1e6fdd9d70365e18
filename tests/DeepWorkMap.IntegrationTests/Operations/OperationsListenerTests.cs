using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>
/// The operators' listener of a silo with its front door: Prometheus metrics and the Orleans dashboard there, and
/// neither on the public port, whatever Host header a client sends.
/// </summary>
[Trait("Category", "SiloProcesses")]
public sealed class OperationsListenerTests
{
    [Fact]
    public async Task Metrics_and_the_dashboard_are_served_on_the_operations_port_only_with_what_operators_watch()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = SiloProcess.Create("ops-silo", database, "ops-" + Guid.NewGuid().ToString("N")[..8]).WithOperations();
        silo.Start();
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));

        var host = await silo.SignUpAsync("ops_host" + Guid.NewGuid().ToString("N")[..6]);
        var guest = await silo.SignUpAsync("ops_guest" + Guid.NewGuid().ToString("N")[..6]);
        using var hostClient = silo.CreateClient(host.Token);
        var session = await RunningServer.CreateSessionAsync(hostClient);
        using (var guestClient = silo.CreateClient(guest.Token))
        {
            (await guestClient.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
            (await guestClient.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "counted" })).EnsureSuccessStatusCode();
        }
        await using var hub = silo.BuildHubConnection(guest.Token);
        await hub.StartAsync();

        // Hub connections per front door, grain activations by type, chat messages (a rate of this counter), the
        // outbox, readiness and the cluster's silos.
        var metrics = await silo.MetricsAsync();
        Assert.True(PrometheusText.Value(metrics, "signalr_server_active_connections") >= 1, metrics);
        Assert.True(PrometheusText.Value(metrics, "orleans_grains", "studysession") >= 1, metrics);
        Assert.True(PrometheusText.Value(metrics, "deepwork_messages_total") >= 1, metrics);
        Assert.NotNull(PrometheusText.Value(metrics, "deepwork_outbox_depth"));
        Assert.Equal(1, PrometheusText.Value(metrics, "deepwork_cluster_silos", "active"));
        await Eventually.HoldsAsync(async () => PrometheusText.Value(await silo.MetricsAsync(), "deepwork_ready") == 1, TimeSpan.FromSeconds(30), "deepwork_ready 1");

        // Every metric the Grafana dashboard and the alerts ask for is one this process serves (two appear only once
        // their first event happened: a reminder fired late or not, a silo declared dead; other tests see them).
        var asked = new[] { "deploy/grafana/deepwork-map.json", "deploy/prometheus/alerts.yml" }
            .SelectMany(file => Regex.Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Path, file)), @"\b(?:deepwork|orleans|signalr|http_server)_[a-z_]+"))
            .Select(match => Regex.Replace(match.Value, "_(bucket|sum|count)$", ""))
            .Except(["deepwork_reminders_lag_seconds", "deepwork_silos_declared_dead_total"])
            .Distinct().ToList();
        Assert.NotEmpty(asked);
        Assert.All(asked, name => Assert.Contains($"\n{name}", "\n" + metrics));

        using var operations = new HttpClient { BaseAddress = silo.OperationsAddress };
        var dashboard = await operations.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Orleans", await dashboard.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await operations.GetAsync($"/api/sessions/{session.Id}")).StatusCode);

        // The public port: no metrics, no dashboard, not even for a client that names the operations port as its Host.
        using var anonymous = silo.CreateClient();
        foreach (var path in new[] { "/metrics", "/dashboard/" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path)).StatusCode);
            using var spoofed = new HttpRequestMessage(HttpMethod.Get, path);
            spoofed.Headers.Host = silo.OperationsAddress.Authority;
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.SendAsync(spoofed)).StatusCode);
        }
    }
}
