namespace Ferry.Cli.Tests.Chaos;

/// <summary>
/// One data-changing verb under chaos: how its starting state is prepared (once, in a template folder every trial
/// copies), the command, how the docs say to go on after a kill, and which stores hold its result.
/// </summary>
/// <param name="Name">The verb, as the figures name it.</param>
/// <param name="Command">The first run, given the trial.</param>
/// <param name="Resume">After a kill: the command the docs give to finish the job, or null when nothing is left to do.</param>
/// <param name="Prepare">Brings the template from the seeded demo state to this verb's starting state (in-process).</param>
/// <param name="Stores">Store folders (relative to the trial) whose every collection is compared.</param>
/// <param name="AfterKill">A property checked right after a kill, before resuming (an error message, or null when it holds).</param>
/// <param name="Extra">More state to compare with the uninterrupted run (a backup's manifest contents).</param>
internal sealed record ChaosScenario(
    string Name,
    Func<ChaosTrial, string[]> Command,
    Func<ChaosTrial, Task<string[]?>> Resume,
    Func<ChaosTrial, Task>? Prepare = null,
    string[]? Stores = null,
    Func<ChaosTrial, Task<string?>>? AfterKill = null,
    Func<ChaosTrial, Task<string>>? Extra = null)
{
    public IReadOnlyList<string> StoreFolders => Stores ?? ["data"];
}

/// <summary>A folder holding one trial's stores, rules, migrations, plans and backups.</summary>
internal sealed class ChaosTrial(string folder)
{
    public const string DemoDb = "inframind_demo";

    public string Folder { get; } = folder;

    public string Uri => "file:" + PathOf("data");

    public string TargetUri => "file:" + PathOf("target");

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>A value a <see cref="ChaosScenario.Prepare"/> step recorded for the trials (a run id), in the folder.</summary>
    public string Read(string name) => File.ReadAllText(PathOf(name + ".chaos")).Trim();

    public void Write(string name, string value) => File.WriteAllText(PathOf(name + ".chaos"), value);
}
