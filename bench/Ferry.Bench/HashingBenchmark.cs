using System.Diagnostics;
using Ferry.Core.Transform;
using Ferry.Core.Transform.Rules;
using Ferry.Demo.Workflow;

namespace Ferry.Bench;

/// <summary>
/// Issue 19: password hashing at the production cost the sample rules use (bcrypt cost 10). The limit is the number
/// of cores × the rate one thread hashes at, measured in the same run; Ferry's rate is a transform of the users
/// collection (read, hash, validate, write, checkpoint), in users/s.
/// </summary>
public static class HashingBenchmark
{
    public static async Task RunAsync(BenchArgs args)
    {
        var users = (int)Math.Min(args.Size / 11, args.HashUsers);
        var (store, db, _, bytes) = await PipelineBenchmarks.SeedAsync(users * 11L);
        await using var __ = store;
        var rules = TransformRulesParser.Parse(SampleRules.Read(SampleRules.DemoToProduction), "demo-to-prod.yaml");
        rules = rules with { Collections = rules.Collections.Where(c => c.Target == "users").ToList() };
        BenchOutput.Header($"Password hashing ({rules.Hashing.Algorithm} cost {rules.Hashing.Cost}), transform of the users collection", users);
        var hasher = new PasswordHasher(rules.Hashing, new byte[32]);
        var singleCoreSample = Math.Max(8, users / 10);
        // No warm-up round: JIT compilation is noise against bcrypt's tens of milliseconds per hash.
        for (var run = 0; run < args.Runs; run++)
        {
            // The one-thread rate is taken before and after the transform (the machine is shared: its load moves).
            var single = OneThread(hasher, singleCoreSample);
            var target = $"prod_hash_{run + 1}";
            var clock = Stopwatch.StartNew();
            var result = await new TransformEngine(new TransformOptions()).RunAsync(db, store.GetDatabase(target), rules);
            var elapsed = clock.Elapsed;
            single += OneThread(hasher, singleCoreSample);
            await store.DropDatabaseAsync(target);
            var singleRate = BenchOutput.Row("one thread hashing (bcrypt, no I/O), before and after the transform", 2 * singleCoreSample, 0, single, null, "single_core", unit: "users");
            BenchOutput.Value("all_cores_limit", $"the limit: {Environment.ProcessorCount} cores × the one-thread rate", singleRate * Environment.ProcessorCount, "users/s");
            BenchOutput.Row("ferry transform of users, hashing on every core", result.Collections.Sum(c => c.Processed), bytes, elapsed, singleRate * Environment.ProcessorCount, "transform_hashing", "all_cores_limit", unit: "users");
        }
    }

    private static TimeSpan OneThread(PasswordHasher hasher, int count)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            _ = hasher.Hash("demo-password-" + i, "users/" + i);
        }

        return clock.Elapsed;
    }
}
