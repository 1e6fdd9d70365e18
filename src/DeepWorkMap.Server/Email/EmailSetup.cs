using DeepWorkMap.Server.Hosting;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Email;

/// <summary>Mail: the validated <c>Email</c> section, the transport it names, and the outbox's sender.</summary>
public static class EmailSetup
{
    public static IServiceCollection AddEmail(this IServiceCollection services, DeploymentSettings settings)
    {
        services.AddEmailStores(settings.IsDurable);
        services.AddValidatedOptions<EmailOptions>(EmailOptions.Section)
            .Validate(o => EmailOptions.IsMailbox(o.From), "Email:From must be a mail address, e.g. \"DeepWork Map <no-reply@deepwork.example.org>\".")
            .Validate(o => o.Smtp.Port is > 0 and <= 65535, "Email:Smtp:Port must be 1-65535.")
            .Validate(o => Enum.IsDefined(o.Smtp.TlsMode), "Email:Smtp:TlsMode must be None, StartTls or ImplicitTls.")
            .Validate(o => o.HasSmtp || !string.IsNullOrWhiteSpace(o.PickupDirectory), "Email:PickupDirectory is required when no Email:Smtp:Host is set.")
            .Validate(o => string.IsNullOrEmpty(o.Smtp.User) || o.Smtp.Password is not null, "Email:Smtp:Password is required with Email:Smtp:User.")
            .Validate(o => !o.HasSmtp || !o.From.Contains("@localhost", StringComparison.OrdinalIgnoreCase),
                "Email:From is required with an SMTP server: the address mail comes from, in a domain whose SPF/DKIM/DMARC the server signs for.");
        services.AddSingleton<IMailTransport>(provider => provider.GetRequiredService<IOptions<EmailOptions>>().Value.HasSmtp
            ? ActivatorUtilities.CreateInstance<SmtpMailTransport>(provider)
            : ActivatorUtilities.CreateInstance<PickupFolderTransport>(provider));
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxSender>());
        services.AddSingleton<Mailer>();
        return services;
    }

    public static IServiceCollection AddEmailStores(this IServiceCollection services, bool durable) => durable
        ? services.AddSingleton<IMailOutbox, PostgresMailOutbox>()
        : services.AddSingleton<IMailOutbox, InMemoryMailOutbox>();
}
