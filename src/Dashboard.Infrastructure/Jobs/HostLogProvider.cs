using Microsoft.Extensions.Logging;
using HangfireLog = Hangfire.Logging;

namespace Dashboard.Infrastructure.Jobs;

/// <summary>
/// Hangfire's logging goes through one process-wide provider, while each host has its own logger factory. When several
/// hosts share a process (tests), a host can be handed the provider of one already disposed; this provider then logs
/// nothing instead of failing the host's start with an <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : HangfireLog.ILogProvider
{
    public HangfireLog.ILog GetLogger(string name)
    {
        try
        {
            return new HostLog(loggerFactory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return SilentLog.Instance;
        }
    }

    private sealed class HostLog(ILogger logger) : HangfireLog.ILog
    {
        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var level = Map(logLevel);
            try
            {
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }

                if (!logger.IsEnabled(level))
                {
                    return false;
                }

                logger.Log(level, 0, messageFunc(), exception, static (message, _) => message);
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static LogLevel Map(HangfireLog.LogLevel level) => level switch
        {
            HangfireLog.LogLevel.Trace => LogLevel.Trace,
            HangfireLog.LogLevel.Debug => LogLevel.Debug,
            HangfireLog.LogLevel.Info => LogLevel.Information,
            HangfireLog.LogLevel.Warn => LogLevel.Warning,
            HangfireLog.LogLevel.Error => LogLevel.Error,
            _ => LogLevel.Critical,
        };
    }

    private sealed class SilentLog : HangfireLog.ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
