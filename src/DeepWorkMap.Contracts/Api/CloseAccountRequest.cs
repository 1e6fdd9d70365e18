namespace DeepWorkMap.Contracts.Api;

/// <summary>The body of <c>DELETE /api/me</c>: the password, so a stolen token alone cannot close the account.</summary>
public sealed record CloseAccountRequest(string? Password);
