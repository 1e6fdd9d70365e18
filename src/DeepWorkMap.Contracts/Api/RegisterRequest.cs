namespace DeepWorkMap.Contracts.Api;

public sealed record RegisterRequest(string? Email, string? Username, string? DisplayName, string? Password)
{
    /// <summary>As <see cref="LoginRequest.KeepSignedIn"/>.</summary>
    public bool KeepSignedIn { get; init; }
}
