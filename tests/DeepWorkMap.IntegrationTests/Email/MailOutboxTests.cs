using System.Net.Http.Json;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Email;

/// <summary>
/// Mail goes through a durable outbox to a real SMTP server (smtp4dev): written before it is sent, sent by whichever front
/// door claims it, retried while the server is down, and delivered once each when it is back.
/// </summary>
public sealed class MailOutboxTests
{
    [Fact]
    public async Task Mail_written_while_the_SMTP_server_is_down_arrives_exactly_once_when_it_is_back_through_two_front_doors()
    {
        const int mails = 50;
        await using var smtp = await Smtp4Dev.StartOwnAsync();
        await using var database = await TestDatabase.CreateAsync();
        var settings = RunningServer.WithMail(RunningServer.OnRedis(database, $"mail-{Guid.NewGuid():N}"[..16]), smtp);
        settings["Email:RetryMaxSeconds"] = "2";
        settings["Email:PollSeconds"] = "1";
        await using var a = await RunningServer.StartAsync(settings);
        await using var b = await RunningServer.StartAsync(settings);
        await RunningServer.WaitForOneClusterAsync(a, b);

        await smtp.StopAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var recipients = Enumerable.Range(0, mails).Select(i => $"out{tag}{i}@example.com").ToList();
        await Task.WhenAll(recipients.Select(async (email, i) =>
        {
            using var client = (i % 2 == 0 ? a : b).CreateClient();
            var response = await client.PostAsJsonAsync("/api/auth/register",
                new { email, username = email.Split('@')[0], displayName = "Outage", password = "correct horse battery" });
            response.EnsureSuccessStatusCode();
        }));
        // Both senders tried and failed: the mail waits, with its failures recorded, none sent.
        await Eventually.HoldsAsync(async () => await database.ScalarAsync<long>(
            "SELECT count(*) FROM mail_outbox WHERE attempts > 0 AND last_error IS NOT NULL AND sent_at IS NULL") == mails,
            TimeSpan.FromSeconds(60), "every mail tried while the server is down");

        await smtp.StartAsync();
        await Eventually.HoldsAsync(async () => await database.ScalarAsync<long>("SELECT count(*) FROM mail_outbox WHERE sent_at IS NOT NULL") == mails,
            TimeSpan.FromSeconds(120), "every mail sent once the server is back");

        var arrived = new List<Smtp4Dev.Message>();
        foreach (var recipient in recipients) arrived.AddRange(await smtp.ToAsync(recipient));
        Assert.Equal(mails, arrived.Count);
        Assert.All(recipients, r => Assert.Single(arrived, m => m.To.Contains(r)));
        Assert.All(arrived, m => Assert.Equal("Confirm your email address for DeepWork Map", m.Subject));
        // Sent mail keeps no body: it held a single-use link.
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM mail_outbox WHERE text_body <> '' OR html_body <> ''"));
    }

    [Fact]
    public async Task Without_an_SMTP_server_each_mail_is_an_eml_file_in_the_pickup_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "deepwork-test-mail", Guid.NewGuid().ToString("N"));
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["Email:PickupDirectory"] = folder });
        var (_, auth) = await server.SignUpAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(Directory.Exists(folder) && Directory.GetFiles(folder, "*.eml").Length == 1),
            TimeSpan.FromSeconds(30), "one .eml file");
        var eml = await File.ReadAllTextAsync(Directory.GetFiles(folder, "*.eml").Single());
        Assert.Contains($"To: {auth.User.Username}@example.com", eml, StringComparison.Ordinal);
        Assert.Contains("?verify=", eml, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}
