using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.IntegrationTests.Sessions;

public static class SessionCommands
{
    public static CreateSession Valid(Guid hostId, int maxParticipants = 10, double latitude = 52.52, double longitude = 13.405,
        DateTimeOffset? start = null, int durationMinutes = 90) =>
        new(hostId, "Linear algebra", "Mathematics", SessionTypes.Silent, latitude, longitude,
            start ?? DateTimeOffset.UtcNow.AddMinutes(30), durationMinutes, maxParticipants);
}
