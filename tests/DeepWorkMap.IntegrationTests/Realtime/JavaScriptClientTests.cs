using DeepWorkMap.IntegrationTests.Chat;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Realtime;

/// <summary>The hub spoken to by @microsoft/signalr under node: the same library the web page loads.</summary>
public sealed class JavaScriptClientTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task The_javascript_client_subscribes_sends_receives_and_is_refused_like_the_contract_says()
    {
        var server = fixture.Server;
        var (host, hostAuth) = await server.SignUpAsync();
        var (guest, guestAuth) = await server.SignUpAsync();
        var (_, outsiderAuth) = await server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();

        var (exitCode, output, errors) = await NodeScript.RunAsync("tests/js/hub-smoke.mjs", TimeSpan.FromSeconds(60),
            server.BaseAddress.ToString(), hostAuth.Token, guestAuth.Token, outsiderAuth.Token, session.Id.ToString());

        Assert.True(exitCode == 0, output + errors);
        Assert.Equal("ok", output.Trim());
    }
}
