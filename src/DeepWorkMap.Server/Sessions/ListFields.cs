namespace DeepWorkMap.Server.Sessions;

/// <summary>Which form a search answers its sessions in (docs/api.md's <c>fields</c>): the full <c>Session</c>, or the map's.</summary>
public enum ListFields
{
    Full,
    Map,
}

public static class ListFieldsRules
{
    public const string MapValue = "map";

    /// <summary>Absent: the full form. <c>map</c>: the map's. Anything else is named in <paramref name="errors"/>.</summary>
    public static ListFields? Read(string? fields, Dictionary<string, string[]> errors)
    {
        switch (fields)
        {
            case null: return ListFields.Full;
            case MapValue: return ListFields.Map;
            default:
                errors["fields"] = ["fields must be map, or absent for the full form."];
                return null;
        }
    }
}
