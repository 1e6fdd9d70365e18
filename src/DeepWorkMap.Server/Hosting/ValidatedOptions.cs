using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// Settings are options classes bound to one configuration section each and checked when the host starts,
/// so a wrong value stops the process with the key's name instead of surfacing later as odd behaviour.
/// </summary>
public static class ValidatedOptions
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> and validates its annotations at start-up.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>
    /// The same binding and checks, for the few settings needed while the host is being built (the silo's
    /// ports, whether telemetry is exported), before options can be resolved.
    /// </summary>
    public static T Read<T>(IConfiguration configuration, string section) where T : class, new()
    {
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            throw new OptionsValidationException(section, typeof(T), results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        return options;
    }
}
