using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server, smtp4dev, read through its HTTP API: the suite's shared one (started by ./test.sh), or one a test
/// starts and stops itself to play an outage.
/// </summary>
public sealed partial class Smtp4Dev : IAsyncDisposable
{
    public sealed record Message(string Id, string[] To, string Subject, DateTimeOffset ReceivedDate);

    private sealed record Page([property: JsonPropertyName("results")] List<Message> Results);

    private readonly HttpClient _api;
    private Process? _process;
    private string? _dataDirectory;

    private Smtp4Dev(string host, int port, Uri api)
    {
        Host = host;
        Port = port;
        _api = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>The shared server of the run; tests tell their mail apart by unique recipients.</summary>
    public static Smtp4Dev Shared()
    {
        var smtp = TestEnvironment.Smtp.Split(':');
        return new Smtp4Dev(smtp[0], int.Parse(smtp[1], System.Globalization.CultureInfo.InvariantCulture), new Uri(TestEnvironment.SmtpApi));
    }

    /// <summary>A server of this test's own on <paramref name="smtpPort"/> (a free one unless given), in memory; started and ready.</summary>
    public static async Task<Smtp4Dev> StartOwnAsync(int? smtpPort = null)
    {
        var server = new Smtp4Dev("127.0.0.1", smtpPort ?? FreePort.Next(), new Uri($"http://127.0.0.1:{FreePort.Next()}"));
        await server.StartAsync();
        return server;
    }

    /// <summary>(Re)starts this test's own server on the same ports, with an empty mailbox.</summary>
    public async Task StartAsync()
    {
        _dataDirectory ??= Directory.CreateTempSubdirectory("smtp4dev-").FullName;
        var start = new ProcessStartInfo(TestEnvironment.Smtp4Dev) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     $"--urls={_api.BaseAddress!.AbsoluteUri.TrimEnd('/')}", $"--smtpport={Port}", "--bindaddress=127.0.0.1", "--disableipv6",
                     "--imapport=0", "--pop3port=0", "--db=", "--nousersettings", "--messagestokeep=100000",
                 })
            start.ArgumentList.Add(argument);
        start.Environment["XDG_CONFIG_HOME"] = _dataDirectory;
        start.Environment["HOME"] = _dataDirectory;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.HoldsAsync(async () =>
        {
            Assert.False(_process.HasExited, "smtp4dev exited while starting");
            try
            {
                return (await _api.GetAsync("api/messages")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90), "smtp4dev answering");
    }

    /// <summary>Stops this test's own server: from now on its SMTP port refuses connections.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Every mail that arrived for <paramref name="recipient"/>.</summary>
    public async Task<IReadOnlyList<Message>> ToAsync(string recipient)
    {
        // smtp4dev's API sometimes answers 500 while a mail is being stored; what it holds is read again a moment later.
        for (var attempt = 1; ; attempt++)
        {
            using var response = await _api.GetAsync("api/messages?pageSize=100000");
            if ((int)response.StatusCode >= 500 && attempt < 5)
            {
                await Task.Delay(200 * attempt);
                continue;
            }
            var page = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Page>();
            return page!.Results.Where(m => m.To.Contains(recipient, StringComparer.OrdinalIgnoreCase)).OrderBy(m => m.ReceivedDate).ToList();
        }
    }

    public async Task<string> PlainTextAsync(Message message) => await _api.GetStringAsync($"api/messages/{message.Id}/plaintext");

    /// <summary>The mail as it arrived: headers and bodies.</summary>
    public async Task<string> SourceAsync(Message message) => await _api.GetStringAsync($"api/messages/{message.Id}/raw");

    /// <summary>Waits for mail no. <paramref name="nth"/> (in order of arrival) to <paramref name="recipient"/> whose subject holds <paramref name="subject"/>, and answers its link's <paramref name="parameter"/> (e.g. <c>reset</c>).</summary>
    public async Task<string> TokenAsync(string recipient, string subject, string parameter, int nth = 1)
    {
        IReadOnlyList<Message> found = [];
        await Eventually.HoldsAsync(async () =>
        {
            found = (await ToAsync(recipient)).Where(m => m.Subject.Contains(subject, StringComparison.Ordinal)).ToList();
            return found.Count >= nth;
        }, TimeSpan.FromSeconds(60), $"mail no. {nth} \"{subject}\" to {recipient}");
        var text = await PlainTextAsync(found[nth - 1]);
        var match = Regex.Match(text, $@"[?&]{parameter}=([A-Za-z0-9_-]+)");
        Assert.True(match.Success, $"no ?{parameter}= link in: {text}");
        return match.Groups[1].Value;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _api.Dispose();
        if (_dataDirectory is not null) Directory.Delete(_dataDirectory, recursive: true);
    }
}
