using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// Settings are options classes bound to one configuration section each and checked when the host starts,
/// so a wrong value stops the process with the key's name instead of surfacing later as odd behaviour.
/// Every failure reads <c>Section:Key: what is wrong</c>, one line each (<see cref="BadSettings"/> prints them).
/// </summary>
public static class ValidatedOptions
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> and validates its annotations at start-up.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new AnnotationsOfSection<T>(section));
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>
    /// The same binding and checks, for the few settings needed while the host is being built (the silo's
    /// ports, whether telemetry is exported), before options can be resolved.
    /// </summary>
    public static T Read<T>(IConfiguration configuration, string section) where T : class, new()
    {
        T options;
        try
        {
            // The root section (""): keys of no section, such as Role.
            options = (section.Length == 0 ? configuration : configuration.GetSection(section)).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            // The binder's own message names the key ("Failed to convert configuration value at 'Orleans:SiloPort'…").
            throw new OptionsValidationException(section, typeof(T), [e.Message]);
        }
        var failures = Failures(options, section);
        if (failures.Count > 0) throw new OptionsValidationException(section, typeof(T), failures);
        return options;
    }

    /// <summary>A refusal of one setting, in the shape every other one has.</summary>
    public static OptionsValidationException Refuse<T>(string section, string failure) => new(section, typeof(T), [failure]);

    private static List<string> Failures(object options, string section)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var prefix = section.Length == 0 ? "" : section + ":";
        return results.Select(r => $"{prefix}{string.Join(",", r.MemberNames)}: {r.ErrorMessage}").ToList();
    }

    /// <summary>Data annotations, reported with the section's name before each member's (<c>Jwt:TokenLifetimeMinutes</c>).</summary>
    private sealed class AnnotationsOfSection<T>(string section) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = Failures(options, section);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
