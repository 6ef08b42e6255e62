using Ferry.Cli.Infrastructure;
using Ferry.Core.Schema;
using Spectre.Console;

namespace Ferry.Cli.Commands.Schema;

/// <summary>The changes of a schema diff or apply as a table (destructive ones marked).</summary>
internal static class SchemaChangesView
{
    public static void Render(Output output, SchemaResult result)
    {
        if (result.Changes.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumn("collection").AddColumn("change").AddColumn("destructive");
        foreach (var change in result.Changes)
        {
            table.AddRow(Markup.Escape(change.Collection), Markup.Escape(change.Description), change.Destructive ? "[red]yes[/]" : "no");
        }

        output.Render(table);
    }
}
