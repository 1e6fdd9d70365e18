namespace DeepWorkMap.Server.Email;

/// <summary>
/// One mail to one person, with its plain-text and HTML bodies; a notification mail also carries the address that stops
/// mail of its kind in one click (RFC 8058), which mail programs show as "Unsubscribe".
/// </summary>
public sealed record OutgoingMail(string To, string Subject, string TextBody, string HtmlBody, string? OneClickUnsubscribe = null);

/// <summary>A mail claimed from the outbox: its id, and how many attempts were made before this one.</summary>
public sealed record OutboxEntry(long Id, OutgoingMail Mail, int Attempts);
