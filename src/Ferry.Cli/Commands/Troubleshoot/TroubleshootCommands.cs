using Ferry.Cli.Infrastructure;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using Ferry.Core.Troubleshooting;
using Ferry.Core.Validation.Rules;
using Spectre.Console;

namespace Ferry.Cli.Commands.Troubleshoot;

/// <summary><c>ferry troubleshoot memory</c>.</summary>
public sealed class TroubleshootMemoryCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<TroubleshootMemorySettings>(console)
{
    protected override async Task<int> RunAsync(TroubleshootMemorySettings settings, Output output, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var report = await new MemoryTroubleshooter(store.GetDatabase(settings.ResolveDatabase())) { ScanLimit = settings.ScanLimit }.RunAsync(cancellationToken).ConfigureAwait(false);
        return TroubleshootOutput.Print(output, report);
    }
}

/// <summary><c>ferry troubleshoot performance</c>.</summary>
public sealed class TroubleshootPerformanceCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<TroubleshootPerformanceSettings>(console)
{
    protected override async Task<int> RunAsync(TroubleshootPerformanceSettings settings, Output output, CancellationToken cancellationToken)
    {
        var probes = settings.Probes is { } file ? ProbeQuery.Load(file) : [];
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var report = await new PerformanceTroubleshooter(store, settings.ResolveDatabase(), FixedTimeProvider.FromEnvironment())
        {
            LongOperation = TimeSpan.FromSeconds(settings.LongOperationSeconds),
            Probes = probes,
        }.RunAsync(cancellationToken).ConfigureAwait(false);
        return TroubleshootOutput.Print(output, report);
    }
}

/// <summary><c>ferry troubleshoot integrity</c>.</summary>
public sealed class TroubleshootIntegrityCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<TroubleshootIntegritySettings>(console)
{
    protected override async Task<int> RunAsync(TroubleshootIntegritySettings settings, Output output, CancellationToken cancellationToken)
    {
        var rules = RuleSetParser.Load(settings.Rules!); // Validate() has required it
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var report = await new IntegrityTroubleshooter(store.GetDatabase(settings.ResolveDatabase()), rules, settings.Rules!, FixedTimeProvider.FromEnvironment()).RunAsync(cancellationToken).ConfigureAwait(false);
        return TroubleshootOutput.Print(output, report);
    }
}

/// <summary>How every troubleshoot verb prints: findings with their fix, then recommendations; exit 1 when anything needs attention.</summary>
internal static class TroubleshootOutput
{
    public static int Print(Output output, TroubleshootReport report)
    {
        output.Json(report.ToBson());
        if (report.Findings.Count > 0)
        {
            var table = new Table().AddColumn("finding").AddColumn("what").AddColumn("fix");
            foreach (var f in report.Findings)
            {
                table.AddRow(f.Kind, Markup.Escape(f.Message), Markup.Escape(f.Fix ?? "-"));
            }

            output.Render(table);
        }
        else
        {
            output.Line($"[green]{report.Area}: nothing needs attention[/]");
        }

        foreach (var recommendation in report.Recommendations)
        {
            output.Line("• " + Markup.Escape(recommendation));
        }

        return report.NeedsAttention ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
