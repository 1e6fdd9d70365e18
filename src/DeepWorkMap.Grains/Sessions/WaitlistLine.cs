namespace DeepWorkMap.Grains.Sessions;

/// <summary>The waitlist's order, as pure functions: first come, first seated.</summary>
public static class WaitlistLine
{
    /// <summary>1 for the next in line; null when the user is not waiting.</summary>
    public static int? Position(IReadOnlyList<Guid> line, Guid userId)
    {
        for (var i = 0; i < line.Count; i++) if (line[i] == userId) return i + 1;
        return null;
    }

    /// <summary>How many from the front of the line take a seat: every free seat, as far as the line reaches.</summary>
    public static int ToSeat(int capacity, int seated, int waiting) => Math.Clamp(capacity - seated, 0, waiting);

    /// <summary>
    /// Who of those told their place before now stands elsewhere, with their new place (1-based). Newcomers are left out:
    /// they learned their place from their own answer.
    /// </summary>
    public static IReadOnlyList<(Guid UserId, int Position)> Moved(IReadOnlyList<Guid> told, IReadOnlyList<Guid> now)
    {
        var before = told.Select((userId, index) => (userId, index)).ToDictionary(p => p.userId, p => p.index);
        var moved = new List<(Guid, int)>();
        for (var i = 0; i < now.Count; i++)
            if (before.TryGetValue(now[i], out var was) && was != i) moved.Add((now[i], i + 1));
        return moved;
    }
}
