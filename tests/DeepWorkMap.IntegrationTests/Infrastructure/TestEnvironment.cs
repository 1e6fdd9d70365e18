namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>
/// The real servers the suite runs against, started by ./test.sh. Missing ones fail the test that needs
/// them, loudly: nothing is skipped for want of a server.
/// </summary>
public static class TestEnvironment
{
    public static string PostgresAdmin => Require("DWM_TEST_POSTGRES", "a PostgreSQL connection string with rights to create databases");

    public static string Redis => Require("DWM_TEST_REDIS", "a Redis host:port");

    /// <summary>The suite's shared SMTP server (smtp4dev), <c>host:port</c>.</summary>
    public static string Smtp => Require("DWM_TEST_SMTP", "the host:port of an smtp4dev SMTP server");

    /// <summary>Its HTTP API, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    public static string SmtpApi => Require("DWM_TEST_SMTP_API", "the base URL of that smtp4dev's HTTP API");

    /// <summary>The smtp4dev executable, for tests that start and stop a server of their own.</summary>
    public static string Smtp4Dev => Require("DWM_TEST_SMTP4DEV", "the path of the smtp4dev executable");

    public const string JwtKey = "deepwork-map-test-signing-key-0123456789abcdef";

    private static string Require(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: it must hold {what}. Run the suite with ./test.sh, which starts the servers.");
}
