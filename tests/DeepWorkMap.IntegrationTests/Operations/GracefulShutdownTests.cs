using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>SIGTERM, as an orchestrator stops a container: the silo leaves cleanly and nothing acknowledged is lost.</summary>
[Trait("Category", "SiloProcesses")]
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Sigterm_closes_hub_connections_cleanly_exits_and_keeps_every_acknowledged_change()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = SiloProcess.Create("graceful-silo", database, "graceful-" + Guid.NewGuid().ToString("N")[..8]);
        silo.Start();
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));

        using var anonymous = silo.CreateClient();
        var auth = (await (await anonymous.PostAsJsonAsync("/api/auth/register",
            new { email = "grace@example.com", username = "grace", displayName = "Grace", password = "correct horse battery" })).Content.ReadFromJsonAsync<AuthResult>())!;
        using var client = silo.CreateClient(auth.Token);
        var session = await RunningServer.CreateSessionAsync(client);

        var hub = silo.BuildHubConnection(auth.Token);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        await hub.StartAsync();
        await hub.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        var sent = new List<MessageDto>();
        for (var i = 0; i < 10; i++) sent.Add(await hub.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), $"before shutdown {i}"));

        Assert.True(await silo.TerminateAsync(TimeSpan.FromSeconds(45)), "the silo exits within 45 s of SIGTERM");
        var closing = await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(closing); // closed by the server, not torn

        silo.Start();
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
        using var after = silo.CreateClient(auth.Token);
        var history = (await after.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{session.Id}/messages"))!;
        Assert.Equal(sent.Select(m => m.Id).Reverse(), history.Items.Select(m => m.Id));
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync($"/api/sessions/{session.Id}")).StatusCode);
        await hub.DisposeAsync();
    }
}
