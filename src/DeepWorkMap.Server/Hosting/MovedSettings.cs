using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// Keys that moved to their feature's own section. Nothing reads an old key any more, so an operator's configuration
/// that still sets one would quietly run on the default: instead the process stops, naming the old key and its new name.
/// The names are spelled out here rather than taken from the features' options classes: Hosting depends on no feature.
/// </summary>
public static class MovedSettings
{
    /// <summary>The sections that are no longer read, and where their settings went.</summary>
    private static readonly Dictionary<string, string> OldSections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RateLimits"] = "the Chat and Accounts sections",
        ["Limits"] = "the Sessions, Accounts, Moderation and Realtime sections",
    };

    private static readonly Dictionary<string, string> NewNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RateLimits:ChatBurst"] = "Chat:Burst",
        ["RateLimits:ChatMessagesPerSecond"] = "Chat:MessagesPerSecond",
        ["RateLimits:LoginFailuresBeforeDelay"] = "Accounts:LoginFailuresBeforeDelay",
        ["RateLimits:LoginFailuresPerAccountBeforeDelay"] = "Accounts:LoginFailuresPerAccountBeforeDelay",
        ["RateLimits:LoginMaxDelaySeconds"] = "Accounts:LoginMaxDelaySeconds",
        ["RateLimits:LoginDeviceDays"] = "Accounts:LoginDeviceDays",
        ["RateLimits:LoginFamiliarNetworkDays"] = "Accounts:LoginFamiliarNetworkDays",
        ["RateLimits:LoginAttemptsPerAddressPerMinute"] = "Accounts:LoginAttemptsPerAddressPerMinute",
        ["RateLimits:PasswordResetsPerAddressPerHour"] = "Accounts:PasswordResetsPerAddressPerHour",
        ["Limits:AnonymousSearchesPerAddressPerMinute"] = "Sessions:AnonymousSearchesPerAddressPerMinute",
        ["Limits:SearchesPerUserPerMinute"] = "Sessions:SearchesPerUserPerMinute",
        ["Limits:SessionsCreatedPerHostPerHour"] = "Sessions:SessionsCreatedPerHostPerHour",
        ["Limits:ActiveSessionsPerHost"] = "Sessions:ActiveSessionsPerHost",
        ["Limits:ActiveSeriesPerHost"] = "Sessions:ActiveSeriesPerHost",
        ["Limits:ActiveJoinsPerUser"] = "Sessions:ActiveJoinsPerUser",
        ["Limits:SignupsPerAddressPerHour"] = "Accounts:SignupsPerAddressPerHour",
        ["Limits:ReportsPerUserPerHour"] = "Moderation:ReportsPerUserPerHour",
        ["Limits:HubConnectionsPerUser"] = "Realtime:HubConnectionsPerUser",
        ["Limits:MapWatchesPerConnectionPerMinute"] = "Realtime:MapWatchesPerConnectionPerMinute",
    };

    /// <summary>Stops start-up (through <see cref="BadSettings"/>) when any key of an old section is set.</summary>
    public static void RefuseOldKeys(IConfiguration configuration)
    {
        var failures = OldSections
            .SelectMany(old => configuration.GetSection(old.Key).AsEnumerable(makePathsRelative: false)
                .Where(entry => entry.Value is not null)
                .Select(entry => NewNames.TryGetValue(entry.Key, out var newName)
                    ? $"{entry.Key}: this setting is now {newName}; rename it (the old key is no longer read)."
                    : $"{entry.Key}: the {old.Key} section is no longer read; its settings moved to {old.Value} (see docs/operations.md)."))
            .ToList();
        if (failures.Count > 0) throw new OptionsValidationException(string.Join(", ", OldSections.Keys), typeof(MovedSettings), failures);
    }
}
