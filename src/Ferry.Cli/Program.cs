using Ferry.Cli.Infrastructure;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl-C: stop cleanly between batches; a second one kills the process as usual.
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};

return await FerryApp.Create().RunAsync(args, cancellation.Token).ConfigureAwait(false);
