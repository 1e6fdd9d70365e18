using System.Globalization;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Moderation;

/// <summary>The moderators' queue of open reports, oldest first, and their resolution.</summary>
public sealed class ReportQueue(IReportStore reports, Clock clock)
{
    public const int DefaultPage = 50;
    public const int MaxPage = 100;

    private const string AfterRule = "after must be the nextCursor of a previous page.";

    /// <summary>A page of open reports: <c>nextCursor</c> (the last report's id, on a full page) continues after it.</summary>
    public async Task<(ReportPage? Page, Refusal? Refusal)> OpenAsync(string? limit, string? after, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (size, from) = ReadPage(limit, after, errors);
        if (errors.Count > 0) return (null, Refusal.Validation(errors));
        // A cursor that names no report (or one resolved since) cannot say where to continue.
        if (await reports.OpenAsync(from, size, cancellationToken) is not var (items, total)) return (null, Refusal.Validation("after", AfterRule));
        return (new ReportPage(items, total, items.Count == size ? items[^1].Id.ToString() : null), null);
    }

    /// <summary>The page size and cursor a query asks for; <paramref name="errors"/> names the parameters at fault.</summary>
    public static (int Size, Guid? After) ReadPage(string? limit, string? after, Dictionary<string, string[]> errors)
    {
        var size = DefaultPage;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPage))
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxPage}."];
        Guid? from = null;
        if (after is not null)
        {
            if (Guid.TryParse(after, out var cursor)) from = cursor;
            else errors["after"] = [AfterRule];
        }
        return (size, from);
    }

    /// <summary>Closes an open report with the moderator's note.</summary>
    public async Task<(ReportDto? Report, Refusal? Refusal)> ResolveAsync(Guid id, Caller moderator, string? note, CancellationToken cancellationToken)
    {
        if (!ReportVocabulary.TryReadNote(note, out var resolution)) return (null, Refusal.Validation("resolution", ReportVocabulary.NoteRule("resolution")));
        var resolved = await reports.ResolveAsync(id, moderator.Id, resolution, clock.GetUtcNow(), cancellationToken);
        return resolved is null ? (null, Refusal.NotFound("The report")) : (resolved, null);
    }
}
