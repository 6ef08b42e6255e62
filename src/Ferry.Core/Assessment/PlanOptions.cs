using Ferry.Core.Transform.Rules;

namespace Ferry.Core.Assessment;

/// <summary>Options of <see cref="MigrationEstimator"/>.</summary>
public sealed record PlanOptions
{
    public static readonly IReadOnlyList<string> Types = [ComplexityScorer.DemoToProd, ComplexityScorer.Schema, ComplexityScorer.Format, ComplexityScorer.Upgrade];

    /// <summary>demo-to-prod, schema, format or upgrade (the guide's migration kinds).</summary>
    public string Type { get; init; } = ComplexityScorer.DemoToProd;

    /// <summary>Documents timed in all, spread over the collections by size.</summary>
    public long SampleSize { get; init; } = 20_000;

    /// <summary>Transformation rules: when given, the transform step is timed by running them on the sample.</summary>
    public TransformRules? TransformRules { get; init; }

    /// <summary>The rules file paths as given (written into the plan file).</summary>
    public string? RulesPath { get; init; }

    public string? ValidationRulesPath { get; init; }

    public string? MigrationsDirectory { get; init; }

    /// <summary>Pending migrations in <see cref="MigrationsDirectory"/> (the caller counts them).</summary>
    public int PendingMigrations { get; init; }

    /// <summary>The window's margin over the estimate (1.5 = 50 % more).</summary>
    public double Margin { get; init; } = 1.5;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
