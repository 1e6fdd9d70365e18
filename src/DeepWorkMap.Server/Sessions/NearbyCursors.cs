using System.Buffers.Text;
using System.Globalization;
using System.Text;
using DeepWorkMap.Contracts.Geo;

namespace DeepWorkMap.Server.Sessions;

/// <summary>Nearby paging cursors as clients carry them: opaque, URL-safe, and read back exactly.</summary>
public static class NearbyCursors
{
    public static string Write(NearbyCursor cursor) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{cursor.StartTime.ToUnixTimeMilliseconds()}.{cursor.Id:N}")));

    public static NearbyCursor? Read(string text)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('.');
            return parts.Length == 2
                   && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                   && Guid.TryParseExact(parts[1], "N", out var id)
                ? new NearbyCursor(DateTimeOffset.FromUnixTimeMilliseconds(ms), id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
