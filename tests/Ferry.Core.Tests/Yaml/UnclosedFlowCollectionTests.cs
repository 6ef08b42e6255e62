using Ferry.Core.Configuration;
using Ferry.Core.Errors;
using Ferry.Core.Transform.Rules;
using Ferry.Core.Validation.Rules;

namespace Ferry.Core.Tests.Yaml;

/// <summary>
/// An unclosed '{' that YamlDotNet's scanner fails on without a position (InvalidOperationException) is bad input
/// with FILE:LINE:COLUMN in every YAML reader, not an "unexpected error".
/// </summary>
public sealed class UnclosedFlowCollectionTests : IDisposable
{
    /// <summary>The shape from issue #23: the '{' at line 3, column 20 (and the one at column 10) is never closed.</summary>
    public const string Unclosed = "version: 1\ncollections:\n  users: { fields: { email: { required: true }\n  assessments: {}\n";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-yaml-" + Guid.NewGuid().ToString("N"));

    public UnclosedFlowCollectionTests() => Directory.CreateDirectory(_folder);

    public static TheoryData<string> Readers => ["validation rules", "transform rules", "ferry.yaml"];

    [Theory]
    [MemberData(nameof(Readers))]
    public void Each_reader_names_the_file_line_and_column_of_the_unclosed_brace(string reader)
    {
        var path = Path.Combine(_folder, "rules.yaml");
        File.WriteAllText(path, Unclosed);
        Action read = reader switch
        {
            "validation rules" => () => RuleSetParser.Load(path),
            "transform rules" => () => TransformRulesParser.Load(path),
            _ => () => FerryConfig.Load(path),
        };

        var error = Assert.Throws<UserInputException>(read);

        Assert.Equal($"{path}:3:20: not valid YAML: this '{{' is never closed", error.Message);
    }

    [Fact]
    public void An_unclosed_list_is_named_too()
    {
        var error = Assert.Throws<UserInputException>(() => RuleSetParser.Parse("version: 1\nkeys: [a, b\n  c: {}\n", "r.yaml"));

        Assert.StartsWith("r.yaml:", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
