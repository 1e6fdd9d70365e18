namespace DeepWorkMap.Contracts.Api;

/// <summary><c>POST /api/me/notifications/read</c>: every notification up to and including this one is read.</summary>
public sealed record MarkReadRequest(Guid? UpTo);
