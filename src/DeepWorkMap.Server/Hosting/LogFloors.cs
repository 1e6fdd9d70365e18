using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// Levels below which a few categories never log, whatever the configuration says. ASP.NET Core writes request
/// paths and query strings below Warning, and they carry secrets: the hub's bearer token (<c>?access_token=</c>),
/// invite codes (<c>?invite=</c>) and the calendar feed's secret address. SignalR logs every refusal a hub method
/// throws as an error with its stack, though a refusal is the caller's mistake (HubErrorFilter logs real failures).
/// A filter added in code loses to any provider-specific setting (<c>Logging:Console:LogLevel:Default</c>), so the
/// floors are applied after configuration, to every rule of every provider, and again whenever it reloads.
/// </summary>
public static class LogFloors
{
    private static readonly (string Category, LogLevel Floor)[] Floors =
    [
        // "Request starting … GET /hubs/deepwork?access_token=…"; and while this category logs at all, ASP.NET Core wraps
        // every line of a request in a scope holding its path ("RequestPath:/api/calendar/<secret>.ics"), which providers
        // that include scopes then write. Nothing of it is worth that.
        ("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None),
        ("Microsoft.AspNetCore.Routing", LogLevel.Warning),             // "… for the request path '/api/calendar/<secret>.ics'"
        ("Microsoft.AspNetCore.StaticFiles", LogLevel.Warning),         // "The request path … does not match an existing file"
        ("Microsoft.AspNetCore.HttpLogging", LogLevel.Warning),         // whole requests, when someone turns it on
        ("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical),
    ];

    public static ILoggingBuilder AddLogFloors(this ILoggingBuilder logging)
    {
        logging.Services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>>(new PostConfigureOptions<LoggerFilterOptions>(Options.DefaultName, Apply));
        return logging;
    }

    /// <summary>The floor of a category: the level it must reach to be logged at all.</summary>
    public static LogLevel FloorOf(string? category)
    {
        if (category is null) return LogLevel.Trace;
        foreach (var (prefix, floor) in Floors)
        {
            if (category.StartsWith(prefix, StringComparison.Ordinal) && (category.Length == prefix.Length || category[prefix.Length] == '.'))
                return floor;
        }
        return LogLevel.Trace;
    }

    /// <summary>
    /// Whichever rule the logging framework picks for a category and provider, its filter now also asks for the floor.
    /// A catch-all rule goes first, so it stands only where no configured rule applies, at the configured minimum.
    /// </summary>
    private static void Apply(LoggerFilterOptions options)
    {
        var rules = options.Rules.Select(rule => new LoggerFilterRule(rule.ProviderName, rule.CategoryName, rule.LogLevel, AboveFloor(rule.Filter))).ToList();
        options.Rules.Clear();
        options.Rules.Add(new LoggerFilterRule(null, null, options.MinLevel, AboveFloor(null)));
        foreach (var rule in rules) options.Rules.Add(rule);
    }

    private static Func<string?, string?, LogLevel, bool> AboveFloor(Func<string?, string?, LogLevel, bool>? filter) =>
        (provider, category, level) => level >= FloorOf(category) && (filter is null || filter(provider, category, level));
}
