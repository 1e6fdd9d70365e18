namespace DeepWorkMap.Server.Http;

/// <summary>
/// How a query parameter appears in the OpenAPI document (<see cref="ApiDocument"/>). The parameter is bound as text, so
/// its feature's rules read it and name the field in their 400; this says what those rules accept.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class QueryParameterAttribute(string description) : Attribute
{
    public string Description { get; } = description;

    /// <summary>The JSON schema type: <c>string</c>, <c>number</c> or <c>integer</c>.</summary>
    public string Type { get; set; } = "string";

    public string? Format { get; set; }

    public bool Required { get; set; }

    /// <summary>NaN: no bound.</summary>
    public double Minimum { get; set; } = double.NaN;

    /// <summary>NaN: no bound.</summary>
    public double Maximum { get; set; } = double.NaN;

    public bool ExclusiveMinimum { get; set; }

    public int MinLength { get; set; } = -1;

    public int MaxLength { get; set; } = -1;

    public string[]? Enum { get; set; }

    public string? Pattern { get; set; }

    public string? Default { get; set; }
}
