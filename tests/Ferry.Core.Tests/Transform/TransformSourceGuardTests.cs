using Ferry.Core.Errors;
using Ferry.Core.Tests.Support;
using Ferry.Core.Transform;

namespace Ferry.Core.Tests.Transform;

/// <summary>The engine itself, not only the CLI, refuses to transform a database into itself.</summary>
public class TransformSourceGuardTests
{
    [Theory]
    [InlineData(false, null)]
    [InlineData(true, null)]
    [InlineData(false, "transform-20260601-120000-abcdef")]
    public async Task A_transform_into_its_own_source_database_is_refused_and_writes_nothing(bool dryRun, string? resume)
    {
        await using var demo = await SeededDemo.CreateAsync(size: 30);
        var before = (await demo.Demo.ListCollectionsAsync()).Select(c => c.Name).Order().ToList();
        var sameDatabase = demo.Store.GetDatabase(demo.Demo.Name);

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            new TransformEngine(new TransformOptions { Time = SeededDemo.Time, DryRun = dryRun, ResumeRunId = resume })
                .RunAsync(demo.Demo, sameDatabase, TransformEngineTests.FastRules()));

        Assert.Equal($"target database {demo.Demo.Name} is the source database (a transform never rewrites its source); choose another target database", error.Message);
        Assert.Equal(before, (await demo.Demo.ListCollectionsAsync()).Select(c => c.Name).Order().ToList());
    }
}
