namespace Ferry.Cli.Tests;

/// <summary>
/// Errors and warnings go to standard error, never into the results on standard output
/// (<c>ferry export … &gt; out.json</c> must not hide an error inside the file), and never echo a password.
/// </summary>
public sealed class ErrorOutputTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public static TheoryData<string[]> VerbErrors => new()
    {
        { ["export", "--uri", "STORE", "--db", "d", "--collection", "nope"] },
        { ["import", "--uri", "STORE", "--db", "d", "--collection", "c", "--file", "FOLDER/missing.json"] },
        { ["validate", "--uri", "STORE", "--db", "d", "--rules", "FOLDER/missing.yaml"] },
        { ["transform", "--rules", "FOLDER/missing.yaml", "--source-uri", "STORE", "--source-db", "d", "--target-db", "t"] },
        { ["doctor", "integrity", "--uri", "STORE", "--db", "d", "--rules", "FOLDER/missing.yaml"] },
        { ["demo", "identify", "--uri", "STORE", "--db", "d", "--rules", "FOLDER/missing.yaml"] },
        { ["eval", "--uri", "STORE", "--db", "d"] },
        { ["migrate", "up", "--uri", "STORE", "--db", "d", "--dir", "FOLDER", "--version", "777"] },
        { ["backup", "verify", "--out", "FOLDER", "--tag", "nope"] },
        { ["runs", "show", "--uri", "STORE", "--db", "d", "--run", "nope"] },
        { ["version", "--no-such-option"] },
        { ["frobnicate"] },
    };

    [Theory]
    [MemberData(nameof(VerbErrors))]
    public async Task A_verb_error_goes_to_stderr_and_leaves_stdout_empty(string[] template)
    {
        foreach (var json in new[] { false, true })
        {
            var args = template.Select(a => a.Replace("STORE", _cli.StoreUri, StringComparison.Ordinal).Replace("FOLDER", _cli.Folder, StringComparison.Ordinal));
            var (exit, stdout, stderr) = await CliHarness.RunSplitAsync(json ? [.. args, "--json"] : [.. args]);

            Assert.Equal(2, exit);
            Assert.Equal(string.Empty, stdout);
            Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
            Assert.Single(stderr.Trim().Split('\n'));
        }
    }

    /// <summary>Password fragments (every one starts "Pw"), holding the characters people type unencoded.</summary>
    private static readonly string[] Passwords = ["PwS3cr3t", "Pw1@Pw2", "Pw1:Pw2", "Pw1/Pw2?Pw3#Pw4", "Pw1%40Pw2"];

    /// <summary>Malformed and well-formed URIs, P standing for the password.</summary>
    private static readonly string[] UriShapes =
    [
        "mongodb://u:P@/db",                                   // no host
        "mongodb:/u:P@h/db",                                   // scheme typo
        "mongodb://u:P@h;x/db?serverSelectionTimeoutMS=200",   // ';' in the host
        "mongodb://u:P@h x/db?serverSelectionTimeoutMS=200",   // a space in the host
        "mongodb://u:P@127.0.0.1:1/db?serverSelectionTimeoutMS=200",
    ];

    /// <summary>Where a URI is typed: as the option, with '=', and (by mistake) as a positional argument.</summary>
    private static readonly Func<string, string[]>[] Forms =
    [
        uri => ["export", "--uri", uri, "--db", "d", "--collection", "c"],
        uri => ["export", $"--uri={uri}", "--db", "d", "--collection", "c"],
        uri => ["migrate", "status", "--uri", uri, "--db", "d"],
        uri => ["runs", "list", "--uri", uri, "--db", "d"],
        uri => ["eval", "--uri", uri, "--db", "d", "--eval", "1"],
        uri => [uri],
        uri => ["export", uri],
        uri => ["migrate", "status", uri],
    ];

    public static TheoryData<string, int> UriCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var password in Passwords)
        {
            foreach (var shape in UriShapes)
            {
                for (var form = 0; form < Forms.Length; form++)
                {
                    data.Add(shape.Replace("P", password, StringComparison.Ordinal), form);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UriCases))]
    public async Task A_password_in_a_malformed_uri_never_appears_in_any_output(string uri, int form)
    {
        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync(Forms[form](uri));

        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("Pw", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Pw", stderr, StringComparison.Ordinal);
        Assert.Contains("error: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_process_writes_the_error_to_stderr_only()
    {
        var (exit, stdout, stderr) = await CliHarness.RunProcessAsync(null, "export", "--uri", _cli.StoreUri, "--db", "d", "--collection", "nope");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"error: --collection nope: no such collection in d on {_cli.StoreUri}", stderr.TrimEnd('\n'));
    }

    [Fact]
    public async Task A_long_error_is_one_line_when_stderr_is_redirected()
    {
        var (exit, stdout, stderr) = await CliHarness.RunProcessAsync(
            null, "export", "--uri", "mongodb://admin:PwS3cr3t@127.0.0.1:1/?serverSelectionTimeoutMS=300", "--db", "shop", "--collection", "orders");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.True(lines[0].Length > 120, lines[0]);
        Assert.StartsWith("error: --uri mongodb://admin:***@127.0.0.1:1/", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("to wait longer", lines[0], StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
