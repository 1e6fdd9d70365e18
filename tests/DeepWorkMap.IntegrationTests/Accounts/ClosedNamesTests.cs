using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.IntegrationTests.Accounts;

/// <summary>Closing an account never depends on a name being free, can be retried, and gives its names to nobody.</summary>
public sealed class ClosedNamesTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private const string Password = "correct horse battery";
    private readonly RunningServer _server = fixture.Server;

    private static Task<HttpResponseMessage> CloseAsync(HttpClient client, string password = Password) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/me") { Content = JsonContent.Create(new { password }) });

    private async Task<HttpResponseMessage> RegisterAsync(string email, string username)
    {
        using var anonymous = _server.CreateClient();
        return await anonymous.PostAsJsonAsync("/api/auth/register", new { email, username, displayName = "Squatter", password = Password });
    }

    [Fact]
    public async Task Nobody_can_register_a_closed_accounts_placeholders_and_one_squatted_before_does_not_stop_the_close()
    {
        var (victim, victimAuth) = await _server.SignUpAsync();
        var (email, username) = ClosedAccount.Placeholders(victimAuth.User.Id);
        await Problem.ExpectAsync(await RegisterAsync("elsewhere." + Guid.NewGuid().ToString("N")[..8] + "@example.com", username.ToUpperInvariant()), HttpStatusCode.Conflict, "username_taken");
        await Problem.ExpectAsync(await RegisterAsync(email, "squatter_" + Guid.NewGuid().ToString("N")[..8]), HttpStatusCode.Conflict, "email_taken");

        // Accounts that took the placeholders before they were reserved hold them in the table itself.
        await using (var squat = fixture.Database.DataSource.CreateCommand("""
            INSERT INTO users (id, email, username, display_name, password_hash) VALUES (gen_random_uuid(), $1, 'sq-' || $2, 'Squatter', 'x'),
                                                                                        (gen_random_uuid(), 'sq-' || $1, $2, 'Squatter', 'x')
            """))
        {
            squat.Parameters.AddWithValue(email);
            squat.Parameters.AddWithValue(username);
            await squat.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.NoContent, (await CloseAsync(victim)).StatusCode);
        await Problem.ExpectAsync(await victim.GetAsync("/api/me"), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE id = $1 AND closed_at IS NOT NULL AND username = $2", victimAuth.User.Id, username));
    }

    [Fact]
    public async Task A_close_that_failed_half_way_finishes_when_retried_though_the_password_is_already_erased()
    {
        var (me, auth) = await _server.SignUpAsync();
        var hosted = await RunningServer.CreateSessionAsync(me);
        // The store closed the account, and then the request failed before the cluster was told (the token still works).
        await _server.Services.GetRequiredService<IUserStore>().CloseAsync(auth.User.Id, DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync($"/api/sessions/{hosted.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await CloseAsync(me, "whatever was typed")).StatusCode);
        await Problem.ExpectAsync(await me.GetAsync("/api/me"), HttpStatusCode.Unauthorized, "unauthorized");
        using var anonymous = _server.CreateClient();
        Assert.Equal("finished", (await anonymous.GetFromJsonAsync<SessionDto>($"/api/sessions/{hosted.Id}"))!.Status);
    }

    [Fact]
    public async Task A_closed_accounts_username_and_email_are_given_to_nobody_else_in_any_spelling()
    {
        var (me, auth) = await _server.SignUpAsync();
        var email = $"{auth.User.Username}@example.com";
        Assert.Equal(HttpStatusCode.NoContent, (await CloseAsync(me)).StatusCode);

        await Problem.ExpectAsync(await RegisterAsync("fresh." + Guid.NewGuid().ToString("N")[..8] + "@example.com", auth.User.Username.ToUpperInvariant()), HttpStatusCode.Conflict, "username_taken");
        await Problem.ExpectAsync(await RegisterAsync(email.ToUpperInvariant(), "fresh_" + Guid.NewGuid().ToString("N")[..8]), HttpStatusCode.Conflict, "email_taken");
        // Nor to an open account that asks to move to it: refused before anything is mailed to the former owner's inbox.
        var (other, _) = await _server.SignUpAsync();
        await Problem.ExpectAsync(await other.PostAsJsonAsync("/api/me/email", new { email = email.ToUpperInvariant(), password = Password }),
            HttpStatusCode.Conflict, "email_taken");
        await using var retired = fixture.Database.DataSource.CreateCommand("SELECT string_agg(key, ' ') FROM retired_names");
        var kept = (string)(await retired.ExecuteScalarAsync())!;
        Assert.DoesNotContain(email, kept, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(ClosedAccount.EmailKey(email), kept, StringComparison.Ordinal);
    }
}
