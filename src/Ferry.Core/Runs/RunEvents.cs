using System.Diagnostics;

namespace Ferry.Core.Runs;

/// <summary>
/// The process-wide hub runs publish to. It is static for the same reason <see cref="System.Diagnostics.Metrics.Meter"/>
/// is: every verb's engine publishes without each of their option types carrying observers, and the CLI subscribes
/// once per process. An observer that throws is a bug in the observer, never a reason to fail a migration: the
/// exception is traced and the run goes on.
/// </summary>
public static class RunEvents
{
    private static readonly Lock Gate = new();
    private static IRunObserver[] _observers = [];

    /// <summary>Adds an observer until the returned handle is disposed.</summary>
    public static IDisposable Subscribe(IRunObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (Gate)
        {
            _observers = [.. _observers, observer];
        }

        return new Subscription(observer);
    }

    public static void Publish(RunEvent runEvent)
    {
        foreach (var observer in Volatile.Read(ref _observers))
        {
            try
            {
                observer.OnRunEvent(runEvent);
            }
#pragma warning disable CA1031 // an observer's failure must not fail the run it observes
            catch (Exception e)
#pragma warning restore CA1031
            {
                Trace.TraceError($"run observer {observer.GetType().Name} failed on {runEvent.Type} of {runEvent.RunId}: {e.Message}");
            }
        }
    }

    private sealed class Subscription(IRunObserver observer) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                _observers = [.. _observers.Where(o => !ReferenceEquals(o, observer))];
            }
        }
    }
}
