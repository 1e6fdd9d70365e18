using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Server.Email;

namespace DeepWorkMap.Server.Notifications;

/// <summary>
/// A stored notification nobody has yet decided whether to mail, with what deciding and writing the mail takes: the
/// owner's address and name, whether mail may reach them at all (verified address, account open and not suspended),
/// the kinds they want mailed and their time zone.
/// </summary>
public sealed record MailableNotification(
    Notification Notification, string Email, string DisplayName, bool MayReceiveMail, IReadOnlyList<string> EmailKinds, string TimeZone);

/// <summary>
/// The notifications waiting for the mailer. Each is taken once: its mail (if any) goes into the outbox in the same
/// transaction that marks it taken, so a crash either leaves both undone (taken again) or both done (mailed once).
/// </summary>
public interface INotificationMailQueue
{
    /// <summary>
    /// Takes up to <paramref name="max"/> waiting notifications, oldest first, puts the mails <paramref name="compose"/>
    /// writes for them in the outbox (null: no mail), and answers how many it took.
    /// </summary>
    Task<int> MailAsync(int max, Func<MailableNotification, OutgoingMail?> compose, DateTimeOffset now, CancellationToken cancellationToken = default);
}
