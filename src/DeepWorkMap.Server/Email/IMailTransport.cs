using MimeKit;

namespace DeepWorkMap.Server.Email;

/// <summary>Where mail is handed over: an SMTP server, or a folder.</summary>
public interface IMailTransport
{
    /// <summary>Opens a session with the server; throws, having sent nothing, when it cannot be reached or refuses the login.</summary>
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

public interface IMailSession : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
