using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace DeepWorkMap.Server.Email;

/// <summary>
/// The <c>Email</c> section: where mail goes (an SMTP server, or without one a folder of <c>.eml</c> files), whom it is
/// from, how the outbox retries, and whether an account must verify its address before it may host or follow.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The sender of every mail, e.g. <c>DeepWork Map &lt;no-reply@deepwork.example.org&gt;</c>.</summary>
    public string From { get; set; } = "DeepWork Map <no-reply@localhost>";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Without an SMTP host, each mail is written here as an <c>.eml</c> file.</summary>
    public string PickupDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "deepwork-map-mail");

    /// <summary>Until its address is verified, an account may search and join but not host or follow.</summary>
    public bool RequireVerification { get; set; } = true;

    /// <summary>The longest wait between two attempts at one mail while the server refuses or is down (the wait doubles from 1 s).</summary>
    [Range(1, 86_400)] public int RetryMaxSeconds { get; set; } = 900;

    /// <summary>Attempts at one mail before it is given up (marked failed in the outbox).</summary>
    [Range(1, 10_000)] public int MaxAttempts { get; set; } = 200;

    /// <summary>How often a sender looks for due mail written by other front doors (its own it sends at once).</summary>
    [Range(1, 3600)] public int PollSeconds { get; set; } = 2;

    /// <summary>Mails one account may be sent per hour of each kind it asks for (verification, password reset); beyond, requests send nothing.</summary>
    [Range(1, 1000)] public int MailsPerAccountPerHour { get; set; } = 3;

    public bool HasSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    public static bool IsMailbox(string? value) => MailboxAddress.TryParse(value, out var address) && address.Address.Contains('@', StringComparison.Ordinal);
}

/// <summary><c>Email:Smtp:*</c>: the SMTP server mail is handed to.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (upgrade, required), <c>ImplicitTls</c> (TLS from the first byte, port 465), <c>None</c> (local relays and smtp4dev only).</summary>
    public SmtpTlsMode TlsMode { get; set; } = SmtpTlsMode.StartTls;

    public string? User { get; set; }

    public string? Password { get; set; }
}

public enum SmtpTlsMode { None, StartTls, ImplicitTls }
