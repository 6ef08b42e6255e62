using Ferry.Core.Backup.Formats;

namespace Ferry.Core.Backup;

/// <summary>A finished backup: its tag, folder and manifest.</summary>
public sealed record BackupResult(string Tag, string Path, FerryManifest Manifest);
