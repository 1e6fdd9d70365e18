using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>
/// A silo run as ops run it, from the repository root with its own configuration: no secret reaches its log at any
/// level or provider setting, a cold search does not flood it, and a client's mistake leaves no stack trace in it.
/// </summary>
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
        var linesBeforeSearch = silo.Log().Split('\n').Length;
        // A cold search over a region wakes hundreds of map tiles: each activation's placement is no reason to log.
        (await signedIn.GetAsync("/api/sessions/in-view?bbox=0,40,10,50&zoom=6")).EnsureSuccessStatusCode();
        await silo.TerminateAsync(TimeSpan.FromSeconds(30));

        var log = silo.Log();
        Assert.DoesNotContain(auth.Token, log);
        Assert.DoesNotContain("access_token", log);
        // appsettings.json was read: ASP.NET Core's request lines (Information) are not there, nor Polly's placement lines.
        Assert.DoesNotContain("Request starting", log);
        Assert.DoesNotContain("Polly", log);
        Assert.InRange(log.Split('\n').Length - linesBeforeSearch, 0, 20);
        Assert.Contains("Cluster mode", log);
    }

    [Fact]
    public async Task With_information_and_more_configured_for_every_provider_no_token_invite_code_or_feed_address_is_logged_and_client_errors_leave_no_stack()
    {
        await using var database = await TestDatabase.CreateAsync();
        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
            // Provider-specific settings beat any filter the code adds for all providers.
            ["Logging__Console__LogLevel__Default"] = "Information",
            ["Logging__Console__LogLevel__Microsoft.AspNetCore"] = "Trace",
            ["Logging__Console__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
            ["Logging__Console__LogLevel__Microsoft.AspNetCore.Routing"] = "Trace",
            ["Logging__Console__LogLevel__Microsoft.AspNetCore.SignalR"] = "Trace",
            // The JSON formatter writes every value of a log line's state (the query string among them), and its scopes.
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
        };
        await using var silo = SiloProcess.Create($"loud-{Guid.NewGuid():N}"[..13], database, $"loud-{Guid.NewGuid():N}", quiet: false, environment: environment);
        silo.Start();
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));

        var auth = await silo.SignUpAsync($"u{Guid.NewGuid():N}"[..16]);
        using var signedIn = silo.CreateClient(auth.Token);
        var me = (await signedIn.GetFromJsonAsync<MeDto>("/api/me"))!;
        using var anonymous = silo.CreateClient();
        (await anonymous.GetAsync(new Uri(me.CalendarFeedUrl!).PathAndQuery)).EnsureSuccessStatusCode();
        var created = await signedIn.PostAsJsonAsync("/api/sessions", new
        {
            title = "Quiet room", subject = "Logs", sessionType = "silent", latitude = 1.0, longitude = 1.0, visibility = "private",
            startTime = DateTimeOffset.UtcNow.AddHours(1).ToString("O"), durationMinutes = 60,
        });
        var session = (await created.Content.ReadFromJsonAsync<SessionDto>())!;
        (await anonymous.GetAsync($"/api/sessions/{session.Id}?invite={session.InviteCode}")).EnsureSuccessStatusCode();
        // A token in a REST query is never read, but it is still part of the request line.
        await anonymous.GetAsync($"/api/me?access_token={auth.Token}");

        // The hub as browsers reach it: the token in the query string, for the negotiation and the WebSocket.
        await using (var hub = new HubConnectionBuilder().WithUrl(new Uri(silo.BaseAddress, $"/hubs/deepwork?access_token={auth.Token}")).Build())
        {
            await hub.StartAsync();
            await hub.InvokeAsync("Ready");
            await hub.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", 1.0, 1.0, 5.0);
            // Client errors: a lone surrogate in a hub argument, a refusal.
            var surrogate = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), RawJson.LoneSurrogate));
            Assert.Contains("validation_failed: content", surrogate.Message);
            await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<SubscribeResult>("SubscribeSession", Guid.NewGuid().ToString()));
        }
        // A NUL in the login field, which PostgreSQL cannot even compare.
        var nul = await anonymous.PostAsJsonAsync("/api/auth/login", new { login = "someone\u0000", password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        await silo.TerminateAsync(TimeSpan.FromSeconds(30));

        var log = silo.Log();
        // The configuration was read: ASP.NET Core logs below Information, as JSON.
        Assert.Contains("\"LogLevel\":\"Debug\",\"Category\":\"Microsoft.AspNetCore.", log);
        Assert.DoesNotContain("Request starting", log);
        Assert.DoesNotContain(auth.Token, log);
        Assert.DoesNotContain("access_token", log);
        Assert.DoesNotContain(session.InviteCode!, log);
        Assert.DoesNotContain(new Uri(me.CalendarFeedUrl!).Segments[^1], log);
        Assert.DoesNotContain("HubException", log);
        Assert.DoesNotContain("PostgresException", log);
        Assert.DoesNotContain("InvalidOperationException", log);
    }
}
