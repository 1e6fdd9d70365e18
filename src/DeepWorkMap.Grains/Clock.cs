namespace DeepWorkMap.Grains;

/// <summary>
/// The clock that decides session lifecycles and token lifetimes. It wraps a <see cref="TimeProvider"/>
/// but is a service of its own: Orleans takes the container's TimeProvider for membership and timers,
/// and a test that moves session time by hours must not make a silo believe it missed its heartbeats.
/// </summary>
public sealed class Clock(TimeProvider time)
{
    public static readonly Clock System = new(TimeProvider.System);

    public DateTimeOffset GetUtcNow() => time.GetUtcNow();
}
