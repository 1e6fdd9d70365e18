using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Notifications;

/// <summary>A user's notification preferences: read, replaced under <see cref="PreferenceRules"/>, or one mailed kind stopped from a mail's link.</summary>
public sealed class NotificationPreferences(IGrainFactory grains, UnsubscribeLinks links)
{
    public async Task<PreferencesDto> ReadAsync(Caller me) => PreferenceRules.ToDto(await grains.GetGrain<IUserGrain>(me.Id).Preferences());

    public async Task<(PreferencesDto? Preferences, Refusal? Refusal)> ReplaceAsync(Caller me, PreferencesDto? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (PreferenceRules.Validate(request, errors) is not { } preferences) return (null, Refusal.Validation(errors));
        await grains.GetGrain<IUserGrain>(me.Id).SetPreferences(preferences);
        return (PreferenceRules.ToDto(preferences), null);
    }

    /// <summary>The kind of mail the link's owner gets no more, or why the link does not count; asking twice changes nothing.</summary>
    public async Task<(UnsubscribedDto? Unsubscribed, Refusal? Refusal)> UnsubscribeAsync(string? token)
    {
        if (links.Read(token) is not var (userId, kind)) return (null, Refusal.InvalidUnsubscribeLink);
        var user = grains.GetGrain<IUserGrain>(userId);
        var preferences = await user.Preferences();
        if (preferences.Mails(kind)) await user.SetPreferences(preferences with { EmailKinds = preferences.MailedKinds.Where(k => k != kind).ToList() });
        return (new UnsubscribedDto(kind), null);
    }
}
