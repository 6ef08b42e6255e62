namespace Ferry.Cli.Tests;

/// <summary>
/// The YAML shape of issue #23 (an unclosed '{' YamlDotNet fails on without a position) is bad input with
/// FILE:LINE:COLUMN and exit 2 in every verb that reads YAML, including through ferry.yaml.
/// </summary>
public sealed class BadYamlTests : IDisposable
{
    private const string Unclosed = "version: 1\ncollections:\n  users: { fields: { email: { required: true }\n  assessments: {}\n";

    private readonly CliHarness _cli = new();

    public static TheoryData<string[]> RulesVerbs => new()
    {
        { ["validate", "--uri", "STORE", "--db", "d", "--rules", "RULES"] },
        { ["transform", "--rules", "RULES", "--source-uri", "STORE", "--source-db", "d", "--target-db", "t"] },
        { ["doctor", "integrity", "--uri", "STORE", "--db", "d", "--rules", "RULES"] },
    };

    [Theory]
    [MemberData(nameof(RulesVerbs))]
    public async Task A_rules_file_with_an_unclosed_brace_is_exit_2_with_its_place(string[] template)
    {
        var rules = _cli.PathOf("rules.yaml");
        await File.WriteAllTextAsync(rules, Unclosed);

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync([.. template.Select(a => a.Replace("STORE", _cli.StoreUri, StringComparison.Ordinal).Replace("RULES", rules, StringComparison.Ordinal))]);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"error: {rules}:3:20: not valid YAML: this '{{' is never closed", stderr.TrimEnd('\n'));
    }

    [Fact]
    public async Task A_ferry_yaml_with_an_unclosed_brace_is_exit_2_with_its_place()
    {
        var config = _cli.PathOf("ferry.yaml");
        await File.WriteAllTextAsync(config, Unclosed);

        var (exit, stdout, stderr) = await CliHarness.RunProcessAsync(
            new Dictionary<string, string> { ["FERRY_CONFIG"] = config }, "export", "--db", "d", "--collection", "c");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"error: {config}:3:20: not valid YAML: this '{{' is never closed", stderr.TrimEnd('\n'));
    }

    public void Dispose() => _cli.Dispose();
}
