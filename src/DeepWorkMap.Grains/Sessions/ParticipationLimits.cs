namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// The cap grains enforce on joining, as options: the server sets it from <c>Sessions:ActiveJoinsPerUser</c> (where it is
/// validated and documented); 0 turns it off.
/// </summary>
public sealed class ParticipationLimits
{
    public int ActiveJoinsPerUser { get; set; } = 20;
}
