namespace DeepWorkMap.Contracts.Api;

/// <summary>
/// <c>POST /api/series</c>: a session's fields (its <see cref="Session"/>'s start being the first occurrence's
/// wall-clock time), the weekdays it meets, for how many weeks, and the IANA time zone the times are kept in.
/// </summary>
public sealed record CreateSeriesRequest(
    CreateSessionRequest? Session,
    IReadOnlyList<string>? DaysOfWeek,
    int? Weeks,
    string? TimeZone);
