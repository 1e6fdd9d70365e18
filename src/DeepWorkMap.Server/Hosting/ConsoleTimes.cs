using Microsoft.Extensions.Logging.Console;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// Each plain console entry headed by its UTC time to the millisecond, so a client's log and the processes' line up. The
/// JSON formatter (<c>Logging__Console__FormatterName=json</c>) writes its own timestamp field and is left as it is; a
/// format set in configuration is kept.
/// </summary>
public static class ConsoleTimes
{
    // Quoted separators: a bare ':' is the culture's time separator ('.' in some).
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z '";

    public static ILoggingBuilder AddConsoleTimes(this ILoggingBuilder logging)
    {
        // Named: with no formatter named, the console logger copies its own (obsolete) options over the formatter's.
        logging.Services.Configure<ConsoleLoggerOptions>(options => options.FormatterName ??= ConsoleFormatterNames.Simple);
        logging.Services.Configure<SimpleConsoleFormatterOptions>(options =>
        {
            if (options.TimestampFormat is not null) return;
            options.TimestampFormat = Format;
            options.UseUtcTimestamp = true;
        });
        return logging;
    }
}
