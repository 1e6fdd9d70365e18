namespace DeepWorkMap.Contracts.Api;

/// <summary><c>POST /api/auth/refresh</c>: the device's latest refresh token.</summary>
public sealed record RefreshRequest(string? RefreshToken);

/// <summary><c>POST /api/me/password</c>.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary><c>POST /api/me/email</c>: the new address, and the password to prove it is the owner asking.</summary>
public sealed record ChangeEmailRequest(string? Email, string? Password);

/// <summary>One signed-in device, as its owner sees it in <c>GET /api/me/devices</c>.</summary>
public sealed record DeviceDto(
    Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, string Network, string? UserAgent, bool KeepSignedIn, bool Current);

/// <summary>How many devices a sign-out of all (or all others) signed out.</summary>
public sealed record SignedOutDto(int SignedOut);
