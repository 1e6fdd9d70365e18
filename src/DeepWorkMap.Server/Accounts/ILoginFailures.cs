namespace DeepWorkMap.Server.Accounts;

/// <summary>Consecutive failed logins per key, and when the last one was: in Redis when the cluster has it, else in memory.</summary>
public interface ILoginFailures
{
    Task<LoginFailureRecord?> ReadAsync(string key);

    /// <summary>Counts one more failure at <paramref name="at"/>; the record is forgotten <paramref name="forgetAfter"/> later.</summary>
    Task RecordAsync(string key, DateTimeOffset at, TimeSpan forgetAfter);

    Task ClearAsync(string key);
}

public sealed record LoginFailureRecord(int Count, DateTimeOffset LastAt);
