using Microsoft.Extensions.DependencyInjection.Extensions;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Cli;

public static class CliServiceCollectionExtensions
{
    /// <summary>Registers the dispatcher, the built-in <c>help</c> verb and the audit log the verbs write to.</summary>
    public static IServiceCollection AddDashboardCli(this IServiceCollection services)
    {
        services.AddSingleton<CliDispatcher>();
        services.TryAddSingleton(_ => CliConsole.FromProcess());
        services.AddAuditLog();
        services.AddCliVerb<HelpVerb>();
        return services;
    }

    /// <summary>Adds a verb: <c>services.AddCliVerb&lt;SeedDemoVerb&gt;()</c>.</summary>
    public static IServiceCollection AddCliVerb<TVerb>(this IServiceCollection services)
        where TVerb : class, ICliVerb
    {
        services.AddSingleton<ICliVerb, TVerb>();
        return services;
    }

    /// <summary>
    /// Runs the verb named on the command line against the built app's services and returns the exit code;
    /// the server is not started.
    /// </summary>
    public static async Task<int> RunCliAsync(this IHost app, string[] args)
    {
        var dispatcher = app.Services.GetRequiredService<CliDispatcher>();
        using var cancellation = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            cancellation.Cancel();
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            return await dispatcher.RunAsync(args, app.Services, Console.Out, Console.Error, cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }
}
