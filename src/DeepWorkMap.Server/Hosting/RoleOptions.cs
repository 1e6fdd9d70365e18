using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Hosting;

/// <summary>The <c>Role</c> key, at the configuration's root (<c>--Role frontdoor</c>, <c>Role=silo</c>): what this process does.</summary>
public sealed class RoleOptions : IValidatableObject
{
    /// <summary>The key sits at the root, in no section.</summary>
    public const string Section = "";

    public string Role { get; set; } = HostRoles.All;

    /// <summary>The role, once validation accepted its name (a method, so the binder never reads it).</summary>
    public HostRole ToHostRole() => HostRoles.Parse(Role) ?? throw new InvalidOperationException($"Role '{Role}' was not validated.");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HostRoles.Parse(Role) is null)
            yield return new ValidationResult($"'{Role?.Trim().ToLowerInvariant()}' is not one of {string.Join(", ", HostRoles.Known)}.", [nameof(Role)]);
    }
}
