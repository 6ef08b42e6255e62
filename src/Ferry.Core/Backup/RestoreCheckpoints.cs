using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ferry.Core.Backup;

/// <summary>
/// Per-collection restore checkpoints in a small JSON file under <c>BACKUP_ROOT/.restore-state/</c>, keyed by source
/// and target: documents committed so far and whether the collection is done. Written after every committed batch
/// (atomically, by rename) so <c>--resume</c> restarts after the last committed batch; deleted when a restore succeeds.
/// </summary>
internal sealed class RestoreCheckpoints : IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly string _path;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly StateFile _state;

    private RestoreCheckpoints(string path, StateFile state)
    {
        _path = path;
        _state = state;
    }

    public static async Task<RestoreCheckpoints> OpenAsync(string backupRoot, string source, string target, bool resume, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + target)))[..16];
        var folder = Path.Combine(Path.GetFullPath(backupRoot), ".restore-state");
        var path = Path.Combine(folder, key + ".json");
        StateFile? state = null;
        if (resume && File.Exists(path))
        {
            try
            {
                state = JsonSerializer.Deserialize<StateFile>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), JsonOptions);
            }
            catch (JsonException e)
            {
                throw new Errors.UserInputException($"{path}: the restore checkpoint file is damaged ({e.Message}); delete it and restore without --resume (into emptied collections, or with --drop)", e);
            }
        }

        return new RestoreCheckpoints(path, state ?? new StateFile { Source = source, Target = target });
    }

    /// <summary>Documents already committed to <paramref name="targetNamespace"/> by an earlier run, and whether it finished.</summary>
    public (long Committed, bool Done)? Get(string targetNamespace) =>
        _state.Namespaces.TryGetValue(targetNamespace, out var entry) ? (entry.Committed, entry.Done) : null;

    public async Task SaveAsync(string targetNamespace, long committed, bool done, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _state.Namespaces[targetNamespace] = new Entry { Committed = committed, Done = done };
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var temp = _path + ".tmp";
            await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(_state, JsonOptions), CancellationToken.None).ConfigureAwait(false);
            File.Move(temp, _path, overwrite: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    public void Delete()
    {
        if (File.Exists(_path))
        {
            File.Delete(_path);
        }
    }

    private sealed class StateFile
    {
        public string Source { get; init; } = string.Empty;

        public string Target { get; init; } = string.Empty;

        public Dictionary<string, Entry> Namespaces { get; init; } = new(StringComparer.Ordinal);
    }

    private sealed class Entry
    {
        public long Committed { get; init; }

        public bool Done { get; init; }
    }
}
