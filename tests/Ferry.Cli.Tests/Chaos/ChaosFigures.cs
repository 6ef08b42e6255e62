namespace Ferry.Cli.Tests.Chaos;

/// <summary>One verb's chaos figures: every count but kills and resumes must be 0.</summary>
internal sealed class ChaosFigures(string verb)
{
    public string Verb { get; } = verb;

    public int Trials { get; set; }

    /// <summary>Trials whose SIGKILL landed while the process was alive.</summary>
    public int Kills { get; set; }

    public int Resumes { get; set; }

    public long Lost { get; set; }

    public long Duplicated { get; set; }

    public long Differing { get; set; }

    /// <summary>Broken properties other than the counts (a resume that failed, a killed backup listed as good), each
    /// with the seed and kill time that replay it.</summary>
    public List<string> Failures { get; } = [];

    public bool Clean => Lost == 0 && Duplicated == 0 && Differing == 0 && Failures.Count == 0;

    public static string Header => "| verb | trials | kills | resumes | lost | duplicated | differing | failures |\n|---|---|---|---|---|---|---|---|";

    public string Row => $"| {Verb} | {Trials} | {Kills} | {Resumes} | {Lost} | {Duplicated} | {Differing} | {Failures.Count} |";
}
