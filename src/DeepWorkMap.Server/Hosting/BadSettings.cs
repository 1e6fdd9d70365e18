using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// A wrong setting stops the process with one line per wrong key on standard error (<c>Jwt:TokenLifetimeMinutes: The
/// field TokenLifetimeMinutes must be between 1 and 10080.</c>) and exit code 2, instead of the host's start-up
/// failure: a logged stack trace, then an unhandled exception that aborts the runtime (exit 134).
/// </summary>
public static class BadSettings
{
    public const int ExitCode = 2;

    /// <summary>Builds the app and checks every validated setting before anything starts; null once it has said what is wrong.</summary>
    public static WebApplication? Build(Func<WebApplication> build, TextWriter errors)
    {
        try
        {
            var app = build();
            // What the host would run first thing in StartAsync, run before it can log a failure its own way.
            app.Services.GetService<IStartupValidator>()?.Validate();
            return app;
        }
        catch (Exception e) when (Explain(e) is { Count: > 0 } lines)
        {
            foreach (var line in lines) errors.WriteLine(line);
            return null;
        }
    }

    private static List<string> Explain(Exception e) => e switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException many => [.. many.InnerExceptions.SelectMany(Explain)],
        // The configuration binder's message names the key: "Failed to convert configuration value at 'Jwt:TokenLifetimeMinutes' to type…".
        InvalidOperationException binding when binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => [binding.Message],
        _ => [],
    };
}
