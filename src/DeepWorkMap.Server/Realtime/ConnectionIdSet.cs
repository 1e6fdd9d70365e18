using System.Collections;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// Connection ids for <c>IHubClients.Clients</c> that answer <c>Contains</c> by hash. SignalR's in-process lifetime
/// manager serializes a multi-connection send once and walks its connections asking the list whether each is meant;
/// LINQ's <c>Contains</c> on a list that is an <see cref="ICollection{T}"/> asks it, so the walk costs one lookup per
/// connection of the server instead of a scan of the list.
/// </summary>
public sealed class ConnectionIdSet : IReadOnlyList<string>, ICollection<string>
{
    private readonly List<string> _ids;
    private readonly HashSet<string> _lookup;

    public ConnectionIdSet(IEnumerable<string> ids)
    {
        _lookup = new HashSet<string>(ids, StringComparer.Ordinal);
        _ids = [.. _lookup];
    }

    public int Count => _ids.Count;

    public string this[int index] => _ids[index];

    public bool Contains(string item) => _lookup.Contains(item);

    public bool IsReadOnly => true;

    public void CopyTo(string[] array, int arrayIndex) => _ids.CopyTo(array, arrayIndex);

    public IEnumerator<string> GetEnumerator() => _ids.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void ICollection<string>.Add(string item) => throw new NotSupportedException();

    void ICollection<string>.Clear() => throw new NotSupportedException();

    bool ICollection<string>.Remove(string item) => throw new NotSupportedException();
}
