using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>A silo run as ops run it, from the repository root with its own configuration: no bearer token reaches its log.</summary>
[Trait("Category", "SiloProcesses")]
public sealed class LogSafetyTests
{
    [Fact]
    public async Task A_silo_started_from_the_repository_root_logs_at_its_configured_level_and_never_logs_a_token()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = SiloProcess.Create($"logs-{Guid.NewGuid():N}"[..13], database, $"logs-{Guid.NewGuid():N}", quiet: false);
        silo.Start();
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));

        using var client = silo.CreateClient();
        var name = $"u{Guid.NewGuid():N}"[..16];
        var register = await client.PostAsJsonAsync("/api/auth/register",
            new { email = $"{name}@example.com", username = name, displayName = "Logged", password = "correct horse battery" });
        var auth = (await register.Content.ReadFromJsonAsync<AuthResult>())!;
        await using (var hub = silo.BuildHubConnection(auth.Token))
        {
            await hub.StartAsync();
            await hub.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", 10.0, 10.0, 5.0);
        }
        using var signedIn = silo.CreateClient(auth.Token);
        (await signedIn.GetAsync("/api/me")).EnsureSuccessStatusCode();
        await silo.TerminateAsync(TimeSpan.FromSeconds(30));

        var log = silo.Log();
        Assert.DoesNotContain(auth.Token, log);
        Assert.DoesNotContain("access_token", log);
        // appsettings.json was read: ASP.NET Core's request lines (Information) are not there.
        Assert.DoesNotContain("Request starting", log);
        Assert.Contains("Cluster mode", log);
    }
}
