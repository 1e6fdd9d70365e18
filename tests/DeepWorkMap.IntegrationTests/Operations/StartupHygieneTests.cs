using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>What a new operator meets first, on the published command line: a clean start, and one line for a wrong setting.</summary>
[Trait("Category", "SiloProcesses")]
public sealed class StartupHygieneTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_second_server_on_a_taken_silo_port_stops_naming_the_key_and_a_start_logs_no_false_watchdog_warning()
    {
        await using var first = SiloProcess.Embedded("hygiene-first");
        first.Start();
        await first.WaitReadyAsync(Patience);

        // Orleans listens with SO_REUSEPORT: without the check, this one listened beside the first and shared its traffic.
        await using var second = SiloProcess.Embedded("hygiene-second", siloPort: first.SiloPort);
        second.Start();
        Assert.True(await second.WaitForExitAsync(Patience), "the second server keeps running on a taken silo port");
        Assert.Equal(2, second.ExitCode);
        var said = Assert.Single(second.Output, line => line.Trim().Length > 0);
        Assert.Contains($"Orleans:SiloPort: port {first.SiloPort}", said);

        // The watchdog measured its first look from the machine's boot: "not completed for 00:08:25 … deadlock".
        Assert.DoesNotContain(first.Output, line => line.Contains("Participant check thread has not completed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Jwt__TokenLifetimeMinutes", "999999", "Jwt:TokenLifetimeMinutes", "between 1 and 10080")]
    [InlineData("Jwt__RefreshTokenDays", "0", "Jwt:RefreshTokenDays", "between 1 and 365")]
    [InlineData("Realtime__RenewSeconds", "60", "Realtime:RenewSeconds", "between 0.1 and 20")]
    [InlineData("Orleans__ProbeTimeoutSeconds", "soon", "Orleans:ProbeTimeoutSeconds", "Failed to convert")]
    [InlineData("Operations__Url", "notaurl", "Operations:Url", "http://host:port")]
    [InlineData("OpenTelemetry__OtlpEndpoint", "notaurl", "OpenTelemetry:OtlpEndpoint", "http(s) address")]
    [InlineData("ASPNETCORE_URLS", "notaurl", "urls: 'notaurl'", "not an address to listen on")]
    [InlineData("ConnectionStrings__Postgres", "Host=x;Port=notaport", "ConnectionStrings:Postgres", "not a connection string")]
    [InlineData("ConnectionStrings__Postgres", "garbage", "ConnectionStrings:Postgres", "not a connection string")]
    public async Task An_out_of_range_setting_stops_the_process_with_one_line_naming_the_key_and_its_range(string variable, string value, string key, string range)
    {
        await using var server = SiloProcess.Embedded("hygiene-settings").With(variable, value);
        server.Start();
        Assert.True(await server.WaitForExitAsync(Patience), "the server keeps running with a wrong setting");
        Assert.Equal(2, server.ExitCode);
        var said = Assert.Single(server.Output, line => line.Trim().Length > 0);
        Assert.Contains(key, said);
        Assert.Contains(range, said);
    }

    [Theory]
    [InlineData("RateLimits__ChatBurst", "RateLimits:ChatBurst", "Chat:Burst")]
    [InlineData("Limits__ActiveSessionsPerHost", "Limits:ActiveSessionsPerHost", "Sessions:ActiveSessionsPerHost")]
    public async Task A_setting_under_its_old_key_stops_the_process_naming_the_old_key_and_the_new_one(string variable, string oldKey, string newKey)
    {
        // Read by nobody any more: without the check the operator's 50 became the default, silently.
        await using var server = SiloProcess.Embedded("hygiene-moved").With(variable, "50");
        server.Start();
        Assert.True(await server.WaitForExitAsync(Patience), "the server keeps running on a key it no longer reads");
        Assert.Equal(2, server.ExitCode);
        var said = Assert.Single(server.Output, line => line.Trim().Length > 0);
        Assert.Contains(oldKey, said);
        Assert.Contains(newKey, said);
    }
}
