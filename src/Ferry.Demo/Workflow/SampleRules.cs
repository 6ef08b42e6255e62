using System.Reflection;

namespace Ferry.Demo.Workflow;

/// <summary>The Infra Mind rule files (samples/inframind/*.yaml), embedded in this assembly.</summary>
public static class SampleRules
{
    public const string Validation = "validation.yaml";
    public const string ValidationProduction = "validation-prod.yaml";
    public const string DemoToProduction = "demo-to-prod.yaml";

    /// <summary>The sample migrations (samples/inframind/migrations/*.js), written into <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> WriteMigrations(string directory)
    {
        Directory.CreateDirectory(directory);
        var assembly = Assembly.GetExecutingAssembly();
        var written = new List<string>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("migrations/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var path = Path.Combine(directory, resource["migrations/".Length..]);
            using var file = File.Create(path);
            stream.CopyTo(file);
            written.Add(path);
        }

        return written;
    }

    public static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("rules/" + name)
            ?? throw new InvalidOperationException($"sample rules '{name}' are not embedded in {Assembly.GetExecutingAssembly().GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Writes a copy into the demo folder (so the user can read and rerun it) and returns its path.</summary>
    public static async Task<string> WriteAsync(DemoContext context, string name, CancellationToken cancellationToken)
    {
        var path = Path.Combine(context.Options.FullDirectory, name);
        await File.WriteAllTextAsync(path, Read(name), cancellationToken).ConfigureAwait(false);
        context.AddLocation(name, path);
        return path;
    }
}
