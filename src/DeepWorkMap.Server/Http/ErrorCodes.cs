namespace DeepWorkMap.Server.Http;

/// <summary>The <c>code</c> values of API.md, and the few the server adds for its own failures.</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string Unauthorized = "unauthorized";
    public const string InvalidCredentials = "invalid_credentials";
    public const string EmailTaken = "email_taken";
    public const string UsernameTaken = "username_taken";
    public const string NotFound = "not_found";
    public const string RateLimited = "rate_limited";
    public const string Unavailable = "unavailable";
    public const string InternalError = "internal_error";

    /// <summary>The code that goes with a bare status when nothing more specific was said.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => ValidationFailed,
        401 => Unauthorized,
        403 => "forbidden",
        404 => NotFound,
        405 => "method_not_allowed",
        409 => "conflict",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        429 => RateLimited,
        503 => Unavailable,
        _ when status >= 500 => InternalError,
        _ => "error",
    };
}
