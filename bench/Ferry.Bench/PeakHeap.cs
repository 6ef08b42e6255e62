namespace Ferry.Bench;

/// <summary>Samples the managed heap every 50 ms while a phase runs (after a full collection at the start).</summary>
public sealed class PeakHeap : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public PeakHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Baseline = GC.GetTotalMemory(false);
        _timer = new Timer(_ => Sample(), null, 0, 50);
    }

    /// <summary>The heap when sampling started.</summary>
    public long Baseline { get; }

    public long PeakBytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var now = GC.GetTotalMemory(false);
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }
}
