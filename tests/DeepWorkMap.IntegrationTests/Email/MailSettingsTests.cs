using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Email;

/// <summary>A wrong <c>Email</c> setting stops the server at start-up, naming the key.</summary>
public sealed class MailSettingsTests
{
    [Theory]
    [InlineData("Email:From", "not an address", "Email:From must be a mail address")]
    [InlineData("Email:Smtp:Port", "70000", "Email:Smtp:Port must be 1-65535")]
    [InlineData("Email:Smtp:TlsMode", "Sometimes", "Email:Smtp:TlsMode")]
    [InlineData("Email:Smtp:User", "mailer", "Email:Smtp:Password is required with Email:Smtp:User")]
    [InlineData("Email:RetryMaxSeconds", "0", "Email:RetryMaxSeconds")]
    public async Task A_wrong_mail_setting_stops_the_server_naming_the_key(string key, string value, string said)
    {
        var settings = new Dictionary<string, string?> { ["Email:Smtp:Host"] = "127.0.0.1", ["Email:From"] = "DeepWork Map <no-reply@deepwork.test>", [key] = value };
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(settings));
        Assert.Contains(said, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_SMTP_server_needs_a_sender_of_the_operators_domain()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?> { ["Email:Smtp:Host"] = "127.0.0.1" }));
        Assert.Contains("Email:From is required with an SMTP server", error.Message, StringComparison.Ordinal);
    }
}
