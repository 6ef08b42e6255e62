using Ferry.Core.Indexes;
using Spectre.Console;

namespace Ferry.Cli.Commands.Indexes;

/// <summary>The table <c>ferry indexes list|usage|unused</c> print.</summary>
internal static class IndexesTable
{
    public static Table Of(IEnumerable<IndexEntry> entries)
    {
        var table = new Table().AddColumn("collection").AddColumn("index").AddColumn("key").AddColumn("properties")
            .AddColumn(new TableColumn("size").RightAligned()).AddColumn(new TableColumn("ops").RightAligned()).AddColumn("since");
        foreach (var e in entries)
        {
            table.AddRow(
                Markup.Escape(e.Collection),
                Markup.Escape(e.Name),
                Markup.Escape(e.Key.ToString()),
                Markup.Escape(string.Join(", ", e.Properties)),
                Bytes(e.SizeBytes),
                e.Operations?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                e.Since?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "-");
        }

        return table;
    }

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KiB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.0} MiB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.00} GiB",
    };
}
