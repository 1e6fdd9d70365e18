namespace DeepWorkMap.Contracts.Api;

/// <summary>The body of <c>PATCH /api/sessions/{id}/messages/{seq}</c>: the message's new words.</summary>
public sealed record EditMessageRequest(string? Content);
