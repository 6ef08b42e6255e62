using Ferry.Bench;

// A timed harness (not a unit test): each benchmark reports throughput as a ratio to the machine's own limit
// measured in the same run. Usage: dotnet run -c Release --project bench/Ferry.Bench -- <name> [--size N]
return await BenchmarkCatalog.RunAsync(args).ConfigureAwait(false);
