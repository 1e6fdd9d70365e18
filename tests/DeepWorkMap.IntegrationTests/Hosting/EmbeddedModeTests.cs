using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Accounts;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.IntegrationTests.Hosting;

/// <summary>The zero-set-up default: no connection strings, one silo, in-memory everything.</summary>
public sealed class EmbeddedModeTests
{
    [Fact]
    public async Task Starts_healthy_and_serves_accounts_from_memory()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.IsType<InMemoryUserStore>(server.Services.GetRequiredService<IUserStore>());

        var (authed, auth) = await server.SignUpAsync("embedded_user");
        using (authed)
        {
            var me = (await authed.GetFromJsonAsync<MeDto>("/api/me"))!;
            Assert.Equal("embedded_user", me.Username);
        }
        var login = await client.PostAsJsonAsync("/api/auth/login", new { login = "EMBEDDED_USER", password = "correct horse battery" });
        Assert.Equal(auth.User.Id, (await login.Content.ReadFromJsonAsync<AuthResult>())!.User.Id);
    }

    [Fact]
    public async Task Makes_its_own_signing_key_and_its_tokens_die_with_it()
    {
        string token;
        await using (var first = await RunningServer.StartAsync())
        {
            token = (await first.SignUpAsync()).Auth.Token;
            Assert.True(first.Services.GetRequiredService<JwtSettings>().KeyIsEphemeral);
        }
        await using var second = await RunningServer.StartAsync();
        using var client = second.CreateClient(token);
        await Problem.ExpectAsync(await client.GetAsync("/api/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }
}
