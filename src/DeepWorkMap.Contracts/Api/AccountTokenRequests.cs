namespace DeepWorkMap.Contracts.Api;

/// <summary><c>POST /api/auth/verify-email</c>: the token of the mailed link.</summary>
public sealed record VerifyEmailRequest(string? Token);

/// <summary><c>POST /api/auth/password-reset</c>: the address to mail a link to, if an account has it.</summary>
public sealed record PasswordResetRequest(string? Email);

/// <summary><c>POST /api/auth/password-reset/confirm</c>: the mailed link's token and the new password.</summary>
public sealed record PasswordResetConfirmRequest(string? Token, string? Password);
