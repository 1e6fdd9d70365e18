using System.Globalization;
using DeepWorkMap.Server.Http;

namespace DeepWorkMap.Server.Chat;

/// <summary>docs/api.md's rules for chat content and history paging.</summary>
public static class ChatRules
{
    public const int MaxContentLength = 2000;

    /// <summary>What may surround the text as sent: enough for a pasted block's spacing, and no more (a hub frame is at most 32 KiB).</summary>
    public const int MaxSentLength = 2 * MaxContentLength;
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    /// <summary>Content is checked after trimming but stored exactly as sent, so what surrounds it is bounded too.</summary>
    public static bool IsValidContent(string? content) =>
        content is { Length: <= MaxSentLength } && content.AsSpan().Trim().Length is >= 1 and <= MaxContentLength && UserText.IsAcceptableText(content);

    public static readonly string ContentRule =
        $"content must be 1 to {MaxContentLength} characters after trimming (at most {MaxSentLength} as sent), and {UserText.Rule}.";

    public static (long? Before, int Limit) ValidatePage(string? before, string? limit, Dictionary<string, string[]> errors)
    {
        long? beforeSeq = null;
        if (before is not null)
        {
            if (long.TryParse(before, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seq) && seq >= 1) beforeSeq = seq;
            else errors["before"] = ["before must be a message seq, a whole number of at least 1."];
        }
        var size = DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxPageSize}."];
        return (beforeSeq, size);
    }
}
