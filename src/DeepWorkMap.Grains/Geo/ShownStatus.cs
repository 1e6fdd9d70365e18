using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Geo;

/// <summary>A tile's entry as a search answers it: with its status by the search's clock.</summary>
public static class ShownStatus
{
    /// <summary>
    /// The entry itself when it already says so, which is most of the time (its status moves twice in its life): a search
    /// matches hundreds of entries, and each copy of the whole record is an allocation of a few hundred bytes.
    /// </summary>
    public static SessionSnapshot WithStatus(this SessionSnapshot session, string status) =>
        session.Status == status ? session : session with { Status = status };
}
