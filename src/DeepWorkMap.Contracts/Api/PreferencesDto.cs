namespace DeepWorkMap.Contracts.Api;

/// <summary>
/// docs/api.md's <c>Preferences</c>: reminderMinutes 5, 15, 60 or null (no reminders); statsHidden false when left out;
/// emailKinds the defaults (reminders and cancellations) when left out.
/// </summary>
public sealed record PreferencesDto(
    int? ReminderMinutes = null, IReadOnlyList<string>? MutedKinds = null, string? TimeZone = null, HomeAreaDto? HomeArea = null,
    bool? StatsHidden = null, IReadOnlyList<string>? EmailKinds = null);
