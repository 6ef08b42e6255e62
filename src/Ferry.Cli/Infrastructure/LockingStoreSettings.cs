using System.ComponentModel;
using Spectre.Console.Cli;

namespace Ferry.Cli.Infrastructure;

/// <summary>Options of verbs that change one database of a store and so take its run lock (--wait, --force-unlock).
/// Spectre binds only attributed properties of the settings class or its bases, so the two options live here once.</summary>
public abstract class LockingStoreSettings : StoreSettings, IRunLockSettings, INotifySettings
{
    [CommandOption(IRunLockSettings.WaitOption)]
    [Description(IRunLockSettings.WaitDescription)]
    public FlagValue<int>? Wait { get; init; }

    [CommandOption(IRunLockSettings.ForceUnlockOption)]
    [Description(IRunLockSettings.ForceUnlockDescription)]
    public bool ForceUnlock { get; init; }

    [CommandOption(INotifySettings.Option)]
    [Description(INotifySettings.Description)]
    public string[]? Notify { get; init; }
}
