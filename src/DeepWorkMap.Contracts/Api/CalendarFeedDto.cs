namespace DeepWorkMap.Contracts.Api;

/// <summary>The personal calendar feed's address: absolute, secret, for calendar apps to subscribe to.</summary>
public sealed record CalendarFeedDto(string Url);
