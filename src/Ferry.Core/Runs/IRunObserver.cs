namespace Ferry.Core.Runs;

/// <summary>
/// Something that watches runs (metrics, notifications, alerts, a live view). Called synchronously on the run's own
/// thread, so it must return at once: anything slow (a network call) goes to a queue of its own.
/// </summary>
public interface IRunObserver
{
    void OnRunEvent(RunEvent runEvent);
}
