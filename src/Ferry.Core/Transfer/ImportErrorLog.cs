namespace Ferry.Core.Transfer;

/// <summary>Counts every failed line of an import and keeps the first few for the report.</summary>
internal sealed class ImportErrorLog(string file, int maxKept)
{
    private readonly List<ImportLineError> _kept = [];

    public string File { get; } = file;

    public long Count { get; private set; }

    public ImportLineError First => _kept[0];

    public IReadOnlyList<ImportLineError> Kept => _kept;

    public void Add(long line, string message)
    {
        Count++;
        if (_kept.Count < Math.Max(1, maxKept))
        {
            _kept.Add(new ImportLineError(line, message));
        }
    }
}
