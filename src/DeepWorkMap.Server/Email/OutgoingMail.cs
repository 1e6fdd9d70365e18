namespace DeepWorkMap.Server.Email;

/// <summary>One mail to one person, with its plain-text and HTML bodies.</summary>
public sealed record OutgoingMail(string To, string Subject, string TextBody, string HtmlBody);

/// <summary>A mail claimed from the outbox: its id, and how many attempts were made before this one.</summary>
public sealed record OutboxEntry(long Id, OutgoingMail Mail, int Attempts);
