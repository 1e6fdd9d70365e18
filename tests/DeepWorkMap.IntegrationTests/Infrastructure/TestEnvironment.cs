namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>
/// The real servers the suite runs against, started by ./test.sh. Missing ones fail the test that needs
/// them, loudly: nothing is skipped for want of a server.
/// </summary>
public static class TestEnvironment
{
    public static string PostgresAdmin => Require("DWM_TEST_POSTGRES", "a PostgreSQL connection string with rights to create databases");

    public static string Redis => Require("DWM_TEST_REDIS", "a Redis host:port");

    public const string JwtKey = "deepwork-map-test-signing-key-0123456789abcdef";

    private static string Require(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: it must hold {what}. Run the suite with ./test.sh, which starts the servers.");
}
