using System.Diagnostics;
using System.Net.Sockets;
using Ferry.Core.Backup;
using Ferry.Core.Migrations;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Health;

/// <summary>
/// <c>ferry health</c>: connectivity and round-trip latency, the server (version, topology, the store's own check:
/// replica set members or the embedded files' quick_check), free disk where data and backups live against the size
/// needed, pending migrations, a held run lock, the age of the last good backup, and external endpoints. Every check
/// reports its own line; a failure never stops the others (an unreachable store skips the checks that need it).
/// </summary>
public sealed class HealthChecker(HealthOptions options)
{
    private const int Pings = 3;

    /// <summary>Opens the store and checks it; a store that cannot be opened is a failed connectivity check, not an exception.</summary>
    public async Task<HealthReport> CheckAsync(StoreRegistry stores, string uri, CancellationToken cancellationToken = default)
    {
        IDocumentStore store;
        var clock = Stopwatch.StartNew();
        try
        {
            store = await stores.OpenAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var failed = new HealthCheckResult("connectivity", HealthCheckResult.Fail, "cannot open the store: " + UriRedactor.RedactText(e.Message)) { DurationMs = clock.Elapsed.TotalMilliseconds };
            return await ReportAsync(UriRedactor.Redact(uri), null, failed, cancellationToken).ConfigureAwait(false);
        }

        await using (store.ConfigureAwait(false))
        {
            return await CheckAsync(store, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Checks an open store (a plan's health step calls this).</summary>
    public async Task<HealthReport> CheckAsync(IDocumentStore store, CancellationToken cancellationToken = default) =>
        await ReportAsync(store.DisplayUri, store, null, cancellationToken).ConfigureAwait(false);

    private bool Wanted(string name) => options.Checks.Count == 0 || options.Checks.Contains(name);

    private async Task<HealthReport> ReportAsync(string display, IDocumentStore? store, HealthCheckResult? openFailure, CancellationToken cancellationToken)
    {
        var results = new List<HealthCheckResult>();
        var database = store is not null && options.Database is { } name ? store.GetDatabase(name) : null;
        var reachable = false;
        if (Wanted("connectivity"))
        {
            var connectivity = openFailure ?? await Timed("connectivity", () => ConnectivityAsync(store!, cancellationToken)).ConfigureAwait(false);
            reachable = connectivity.Status == HealthCheckResult.Ok;
            results.Add(connectivity);
        }
        else
        {
            reachable = openFailure is null;
        }

        const string Unreachable = "skipped: the store is unreachable";
        async Task Add(string check, bool needsStore, bool needsDatabase, Func<Task<HealthCheckResult>> run)
        {
            if (!Wanted(check))
            {
                return;
            }

            results.Add(needsStore && !reachable ? new HealthCheckResult(check, HealthCheckResult.Skip, Unreachable)
                : needsDatabase && database is null ? new HealthCheckResult(check, HealthCheckResult.Skip, "skipped: no --db given")
                : await Timed(check, run).ConfigureAwait(false));
        }

        await Add("server", true, false, () => ServerAsync(store!, cancellationToken)).ConfigureAwait(false);
        await Add("disk", false, false, () => DiskAsync(reachable ? database : null, cancellationToken)).ConfigureAwait(false);
        await Add("migrations", true, true, () => MigrationsAsync(database!, cancellationToken)).ConfigureAwait(false);
        await Add("lock", true, true, () => LockAsync(database!, cancellationToken)).ConfigureAwait(false);
        await Add("backup", false, false, () => BackupAsync(cancellationToken)).ConfigureAwait(false);
        if (Wanted("endpoints"))
        {
            foreach (var endpoint in options.Endpoints)
            {
                results.Add(await Timed("endpoint " + endpoint.Name, () => EndpointAsync(endpoint, cancellationToken)).ConfigureAwait(false));
            }
        }

        return new HealthReport(display, results) { CheckedAt = options.Time.GetUtcNow() };
    }

    /// <summary>Runs a check, turning any error into its failure line, and records how long it took.</summary>
    private static async Task<HealthCheckResult> Timed(string name, Func<Task<HealthCheckResult>> check)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return await check().ConfigureAwait(false) with { DurationMs = clock.Elapsed.TotalMilliseconds };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new HealthCheckResult(name, HealthCheckResult.Fail, UriRedactor.RedactText(e.Message)) { DurationMs = clock.Elapsed.TotalMilliseconds };
        }
    }

    private async Task<HealthCheckResult> ConnectivityAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        var database = store.GetDatabase(options.Database ?? "admin");
        var times = new List<double>();
        for (var i = 0; i < Pings; i++)
        {
            var clock = Stopwatch.StartNew();
            await database.RunCommandAsync(new BsonDocument("ping", 1), cancellationToken).ConfigureAwait(false);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        var median = times[Pings / 2];
        return new HealthCheckResult("connectivity", HealthCheckResult.Ok, $"ping answered, round trip {median:0.0} ms (median of {Pings})")
        {
            Details = new BsonDocument { { "roundTripMs", Math.Round(median, 3) }, { "pingsMs", new BsonArray(times.Select(t => Math.Round(t, 3))) } },
        };
    }

    private static async Task<HealthCheckResult> ServerAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        var info = await store.GetServerInfoAsync(cancellationToken).ConfigureAwait(false);
        var health = await store.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        return new HealthCheckResult("server", health.Ok ? HealthCheckResult.Ok : HealthCheckResult.Fail, $"{info.Kind} {info.Version} ({info.Topology}): {health.Summary}")
        {
            Details = new BsonDocument { { "kind", info.Kind }, { "version", info.Version }, { "topology", info.Topology }, { "info", info.Details }, { "health", health.Details } },
        };
    }

    private async Task<HealthCheckResult> DiskAsync(IDocumentDatabase? database, CancellationToken cancellationToken)
    {
        var locations = new List<(string Role, string Path)>();
        if (options.DataDirectory is { } data)
        {
            locations.Add(("data", data));
        }

        if (options.BackupsDirectory is { } backups)
        {
            locations.Add(("backups", backups));
        }

        if (locations.Count == 0)
        {
            return new HealthCheckResult("disk", HealthCheckResult.Skip, "skipped: no local data folder or backups folder (--backups, backups: in ferry.yaml)");
        }

        var dataSize = options.NeededBytes ?? await DataSizeAsync(database, cancellationToken).ConfigureAwait(false);
        var required = Math.Max(dataSize, options.MinFreeBytes);
        var details = new BsonArray();
        var short_ = new List<string>();
        foreach (var (role, path) in locations)
        {
            var free = FreeBytes(path);
            details.Add(new BsonDocument { { "role", role }, { "path", path }, { "freeBytes", free }, { "requiredBytes", required } });
            if (free < required)
            {
                short_.Add($"{role} {path}: {free:N0} bytes free < {required:N0} needed");
            }
        }

        var summary = string.Join(", ", details.Select(d => $"{d["role"]} {d["freeBytes"].ToInt64():N0} bytes free"));
        return short_.Count > 0
            ? new HealthCheckResult("disk", HealthCheckResult.Fail, string.Join("; ", short_)) { Details = new BsonDocument("locations", details) }
            : new HealthCheckResult("disk", HealthCheckResult.Ok, $"{summary} (needed {required:N0})") { Details = new BsonDocument("locations", details) };
    }

    /// <summary>The database's data size, the space a backup or a copy of it needs; 0 when unknown (the server check
    /// reports a database that cannot be read, so free space is still worth checking against --min-free).</summary>
    private static async Task<long> DataSizeAsync(IDocumentDatabase? database, CancellationToken cancellationToken)
    {
        try
        {
            return database is null ? 0 : (await database.GetStatsAsync(cancellationToken).ConfigureAwait(false)).DataSize;
        }
        catch (Errors.UserInputException)
        {
            return 0;
        }
    }

    /// <summary>Free bytes on the volume of <paramref name="path"/> (or of its nearest existing parent: a backups folder may not exist yet).</summary>
    private static long FreeBytes(string path)
    {
        var directory = new DirectoryInfo(Path.GetFullPath(path));
        while (directory is not null && !directory.Exists)
        {
            directory = directory.Parent;
        }

        return new DriveInfo(directory?.FullName ?? Path.GetPathRoot(Path.GetFullPath(path))!).AvailableFreeSpace;
    }

    private async Task<HealthCheckResult> MigrationsAsync(IDocumentDatabase database, CancellationToken cancellationToken)
    {
        if (options.Migrations is null)
        {
            return new HealthCheckResult("migrations", HealthCheckResult.Skip, "skipped: no migrations folder (--migrations, migrations: in ferry.yaml)");
        }

        var status = await new MigrationRunner(options.Migrations).StatusAsync(database, cancellationToken).ConfigureAwait(false);
        var pending = status.Pending;
        return new HealthCheckResult("migrations", pending.Count == 0 ? HealthCheckResult.Ok : HealthCheckResult.Warn,
            pending.Count == 0 ? $"none pending (current {status.CurrentVersion?.Text ?? "none"})" : $"{pending.Count} pending: {string.Join(", ", pending.Select(p => p.Version.Text))}")
        {
            Details = new BsonDocument { { "pending", new BsonArray(pending.Select(p => p.Version.Text)) } },
        };
    }

    private static async Task<HealthCheckResult> LockAsync(IDocumentDatabase database, CancellationToken cancellationToken)
    {
        var holder = await DatabaseRunLock.HolderAsync(database, cancellationToken).ConfigureAwait(false);
        return holder is null
            ? new HealthCheckResult("lock", HealthCheckResult.Ok, $"no run holds {database.Name}'s lock")
            : new HealthCheckResult("lock", HealthCheckResult.Fail, $"{database.Name} is locked by {holder} (ferry migrate up --force-unlock if its process is gone)");
    }

    private async Task<HealthCheckResult> BackupAsync(CancellationToken cancellationToken)
    {
        if (options.BackupsDirectory is null)
        {
            return new HealthCheckResult("backup", HealthCheckResult.Skip, "skipped: no backups folder (--backups, backups: in ferry.yaml)");
        }

        var entries = await new BackupCatalog(options.BackupsDirectory).ListAsync(cancellationToken).ConfigureAwait(false);
        var good = entries.FirstOrDefault(e => e.Readable && e.Verification is { Ok: true });
        if (good is null)
        {
            return new HealthCheckResult("backup", options.MaxBackupAge is null ? HealthCheckResult.Warn : HealthCheckResult.Fail,
                $"no verified backup in {options.BackupsDirectory} ({entries.Count} unverified or failed)");
        }

        var age = options.Time.GetUtcNow() - good.Manifest.Created;
        var message = $"last good backup {good.Tag}, {FormatAge(age)} old";
        var details = new BsonDocument { { "tag", good.Tag }, { "ageSeconds", (long)age.TotalSeconds } };
        return options.MaxBackupAge is { } max && age > max
            ? new HealthCheckResult("backup", HealthCheckResult.Fail, $"{message}, older than {FormatAge(max)}") { Details = details }
            : new HealthCheckResult("backup", HealthCheckResult.Ok, message) { Details = details };
    }

    private static string FormatAge(TimeSpan age) => age.TotalDays >= 1 ? $"{age.TotalDays:0.0} d" : age.TotalHours >= 1 ? $"{age.TotalHours:0.0} h" : $"{age.TotalMinutes:0} min";

    private async Task<HealthCheckResult> EndpointAsync(HealthEndpoint endpoint, CancellationToken cancellationToken)
    {
        var name = "endpoint " + endpoint.Name;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.EndpointTimeout);
        try
        {
            if (endpoint.Url is { } url)
            {
                using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
                using var response = await http.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                return new HealthCheckResult(name, status == endpoint.Status ? HealthCheckResult.Ok : HealthCheckResult.Fail,
                    status == endpoint.Status ? $"HTTP {status}" : $"HTTP {status}, expected {endpoint.Status}")
                { Details = new BsonDocument("status", status) };
            }

            HealthEndpoint.TryHostPort(endpoint.Tcp!, out var host, out var port);
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            return new HealthCheckResult(name, HealthCheckResult.Ok, "connection accepted");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(name, HealthCheckResult.Fail, $"no answer within {options.EndpointTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is HttpRequestException or SocketException)
        {
            return new HealthCheckResult(name, HealthCheckResult.Fail, e.Message);
        }
    }
}
