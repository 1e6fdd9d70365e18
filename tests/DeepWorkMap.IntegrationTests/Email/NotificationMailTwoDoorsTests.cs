using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Email;

/// <summary>
/// Every front door runs a mailer on the same notifications table: between them, each notification is mailed exactly
/// once, however the two interleave.
/// </summary>
public sealed class NotificationMailTwoDoorsTests : IAsyncLifetime
{
    private const int Readers = 30;
    private readonly Smtp4Dev _smtp = Smtp4Dev.Shared();
    private TestDatabase _database = null!;
    private RunningServer _a = null!, _b = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var settings = RunningServer.WithMail(RunningServer.OnRedis(_database, $"mail2-{Guid.NewGuid():N}"[..16]), _smtp);
        settings["Email:PollSeconds"] = "1"; // both mailers look often, so they meet on the same rows
        _a = await RunningServer.StartAsync(settings);
        _b = await RunningServer.StartAsync(settings);
        await RunningServer.WaitForOneClusterAsync(_a, _b);
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Signs up on <paramref name="door"/> with an address marked verified (the link's flow is AccountEmailTests').</summary>
    private async Task<(HttpClient Client, string Email)> VerifiedAsync(RunningServer door)
    {
        var (client, auth) = await door.SignUpAsync("w" + Guid.NewGuid().ToString("N")[..12]);
        await _database.ScalarAsync<object>("UPDATE users SET email_verified_at = now() WHERE id = $1", auth.User.Id);
        return (client, $"{auth.User.Username}@example.com");
    }

    [Fact]
    public async Task Two_front_doors_mail_each_notification_exactly_once()
    {
        var (host, _) = await VerifiedAsync(_a);
        var session = await RunningServer.CreateSessionAsync(host, maxParticipants: Readers + 1, startInMinutes: 120);
        var readers = new List<string>();
        for (var i = 0; i < Readers; i++)
        {
            var (reader, email) = await VerifiedAsync(i % 2 == 0 ? _a : _b);
            (await reader.PostAsJsonAsync($"/api/sessions/{session.Id}/join", new { })).EnsureSuccessStatusCode();
            readers.Add(email);
        }
        (await host.PostAsJsonAsync($"/api/sessions/{session.Id}/cancel", new { })).EnsureSuccessStatusCode();

        async Task<int[]> CountsAsync() => await Task.WhenAll(readers.Select(async email =>
            (await _smtp.ToAsync(email)).Count(m => m.Subject == $"{session.Title} is cancelled")));
        await Eventually.HoldsAsync(async () => (await CountsAsync()).All(count => count >= 1), TimeSpan.FromSeconds(90), "a mail to every reader");

        // A later cancellation's mail is the barrier: once it arrived, any second copy of the first would have too.
        var (witness, witnessEmail) = await VerifiedAsync(_b);
        var later = await RunningServer.CreateSessionAsync(host, startInMinutes: 180);
        (await witness.PostAsJsonAsync($"/api/sessions/{later.Id}/join", new { })).EnsureSuccessStatusCode();
        (await host.PostAsJsonAsync($"/api/sessions/{later.Id}/cancel", new { })).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => (await _smtp.ToAsync(witnessEmail)).Any(m => m.Subject.EndsWith(" is cancelled", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), "the barrier mail");
        Assert.All(await CountsAsync(), count => Assert.Equal(1, count));
        Assert.Equal(Readers, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE kind = 'session_cancelled' AND session_id = $1 AND mail_checked_at IS NOT NULL", session.Id));
    }
}
