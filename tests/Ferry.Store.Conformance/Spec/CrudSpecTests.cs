using System.Globalization;
using Ferry.Store.Conformance.Targets;
using MongoDB.Bson;
using Xunit.Abstractions;

namespace Ferry.Store.Conformance.Spec;

/// <summary>
/// MongoDB's published CRUD specification tests (tests/data/mongodb-spec-crud: unified and legacy-v1)
/// against a store: one case per spec test, named by file and description. Not-applicable tests are skipped
/// with their reason from <see cref="SpecExclusions"/>; known failures are skipped with their reason from
/// <see cref="KnownFailures"/>; the summary case prints the pass rate of the applicable tests.
/// </summary>
public abstract class CrudSpecTests(ITestOutputHelper output)
{
    protected abstract StoreTarget Target { get; }

    public static TheoryData<string, int, string> Cases()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var file in SpecLoader.Files())
        {
            foreach (var test in SpecLoader.Load(file))
            {
                data.Add(file, test.Index, test.Description);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Spec_test_behaves_as_specified(string file, int index, string description)
    {
        var test = SpecLoader.Load(file)[index];
        Assert.Equal(description, test.Description);
        var environment = await EnvironmentAsync();
        var notApplicable = SpecExclusions.Reason(test, environment);
        Skip.If(notApplicable is not null, "not applicable: " + notApplicable);

        var failure = await RunAsync(test);
        var known = KnownFailures.Reason(Target.Name, test);
        if (known is not null)
        {
            Assert.True(failure is not null, $"'{test.Name}' now passes on {Target.Name}: remove it from KnownFailures ({known})");
            Skip.If(true, $"known failure: {known} — {failure}");
        }

        Assert.True(failure is null, failure);
    }

    [SkippableFact]
    public async Task Spec_pass_rate_of_applicable_tests_is_reported_and_has_no_unlisted_failures()
    {
        var environment = await EnvironmentAsync();
        int applicable = 0, passed = 0;
        var unlisted = new List<string>();
        var fixedOnes = new List<string>();
        foreach (var test in SpecLoader.Files().SelectMany(SpecLoader.Load))
        {
            if (SpecExclusions.Reason(test, environment) is not null)
            {
                continue;
            }

            applicable++;
            var failure = await RunAsync(test);
            var known = KnownFailures.Reason(Target.Name, test);
            if (failure is null)
            {
                passed++;
                if (known is not null)
                {
                    fixedOnes.Add(test.Name);
                }
            }
            else if (known is null)
            {
                unlisted.Add($"{test.Name}: {failure}");
            }
        }

        var rate = applicable == 0 ? 0 : 100.0 * passed / applicable;
        var line = string.Create(CultureInfo.InvariantCulture, $"spec pass rate ({Target.Name}): {passed}/{applicable} = {rate:0.0}% of applicable tests");
        output.WriteLine(line);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, $"spec-pass-rate-{Target.Name}.txt"), line + Environment.NewLine);
        Assert.True(unlisted.Count == 0, line + Environment.NewLine + "failures not in KnownFailures:" + Environment.NewLine + string.Join(Environment.NewLine, unlisted));
        Assert.True(fixedOnes.Count == 0, "now passing, remove from KnownFailures: " + string.Join(", ", fixedOnes));
    }

    /// <summary>Runs the test in a fresh database; null when it passed, else why it failed.</summary>
    private async Task<string?> RunAsync(SpecTest test)
    {
        await using var db = await Target.OpenDatabaseAsync();
        var runner = new SpecRunner(db);
        try
        {
            await runner.RunAsync(test);
            return null;
        }
        catch (SpecFailureException failure)
        {
            return failure.Message;
        }
        catch (Exception ex)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
        finally
        {
            await runner.CleanUpAsync();
        }
    }

    private async Task<SpecEnvironment> EnvironmentAsync()
    {
        Skip.If(Target.SkipReason is not null, Target.SkipReason);
        await using var db = await Target.OpenDatabaseAsync();
        var info = await db.Store.GetServerInfoAsync();
        var version = Target.Name == "embedded" || !Version.TryParse(info.Version.Split('-')[0], out var parsed)
            ? EmbeddedEmulatedVersion
            : parsed;
        return new SpecEnvironment(Target.Name, version, Target.Name == "embedded" ? "standalone" : info.Topology);
    }

    /// <summary>The MongoDB version whose semantics the embedded store follows, for runOnRequirements.</summary>
    private static readonly Version EmbeddedEmulatedVersion = new(8, 0, 0);
}

/// <summary>The CRUD spec against the embedded store.</summary>
public sealed class EmbeddedCrudSpecTests(ITestOutputHelper output) : CrudSpecTests(output)
{
    protected override StoreTarget Target { get; } = new EmbeddedTarget();
}

/// <summary>The CRUD spec against MongoDB when <c>FERRY_TEST_MONGODB_URI</c> is set; otherwise skipped.</summary>
public sealed class MongoCrudSpecTests(ITestOutputHelper output) : CrudSpecTests(output)
{
    protected override StoreTarget Target { get; } = new MongoTarget();
}
