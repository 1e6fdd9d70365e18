using Microsoft.Extensions.Options;
using MimeKit;

namespace DeepWorkMap.Server.Email;

/// <summary>Without an SMTP server (embedded mode, development), each mail becomes an <c>.eml</c> file in <c>Email:PickupDirectory</c>.</summary>
public sealed class PickupFolderTransport(IOptions<EmailOptions> options) : IMailTransport
{
    public string Directory => Path.GetFullPath(options.Value.PickupDirectory);

    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Task.FromResult<IMailSession>(new Session(Directory));
    }

    private sealed class Session(string directory) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var name = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml";
            // Written aside and renamed, so a reader of the folder never sees half a mail.
            var partial = Path.Combine(directory, name + ".part");
            await message.WriteToAsync(partial, cancellationToken);
            File.Move(partial, Path.Combine(directory, name));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
