using Ferry.Cli.Infrastructure;
using Ferry.Core.Doctor;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using Ferry.Core.Validation.Rules;
using Spectre.Console;

namespace Ferry.Cli.Commands.Doctor;

/// <summary><c>ferry doctor integrity</c>: list (and with --fix repair) duplicates and orphans. Exit 1 when problems remain.</summary>
public sealed class DoctorIntegrityCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<DoctorIntegritySettings>(console)
{
    protected override async Task<int> RunAsync(DoctorIntegritySettings settings, Output output, CancellationToken cancellationToken)
    {
        var rules = RuleSetParser.Load(settings.Rules!); // Validate() has required rules, and --fix with --dry-run
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var since = Report.AutoReport.Now();
        var report = await new IntegrityDoctor(new DoctorOptions { Fix = settings.Fix, DryRun = settings.DryRun, Time = FixedTimeProvider.FromEnvironment(), Lock = settings.LockOptions() })
            .RunAsync(store.GetDatabase(settings.ResolveDatabase()), rules, cancellationToken).ConfigureAwait(false);

        output.Json(report.ToBson());
        var table = new Table().AddColumn("kind").AddColumn("collection").AddColumn("_id").AddColumn("detail").AddColumn("action");
        foreach (var f in report.Findings.Take(50))
        {
            table.AddRow(f.Kind, Markup.Escape(f.Collection), Markup.Escape(f.Id.ToString() ?? string.Empty), Markup.Escape(f.Detail), f.Action);
        }

        if (report.Findings.Count > 0)
        {
            output.Render(table);
        }

        var counts = string.Join(", ", report.Findings.GroupBy(f => f.Kind).Select(g => $"{g.Count()} {g.Key}"));
        output.Line(report.Clean ? "[green]no integrity problems[/]"
            : report.Fixed ? $"[yellow]repaired[/]: {counts}; quarantined under run [bold]{report.RunId}[/] (undo: ferry doctor restore-quarantine --run {report.RunId})"
            : $"[red]found[/]: {counts}{(settings.DryRun ? " (dry run: nothing written)" : "; run with --fix to repair")}");
        if (settings.Fix && !settings.DryRun)
        {
            await Report.AutoReport.WriteAsync(settings, output, store.GetDatabase(settings.ResolveDatabase()), null, since, cancellationToken).ConfigureAwait(false);
        }

        return report.Clean || report.Fixed ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
