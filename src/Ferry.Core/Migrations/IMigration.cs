using Ferry.Core.Storage;

namespace Ferry.Core.Migrations;

/// <summary>
/// A migration written in C#: <see cref="UpAsync"/> applies it, <see cref="DownAsync"/> undoes it, both on the store
/// contract so they run on either store. Mark the class with <see cref="MigrationAttribute"/> and give it a
/// parameterless constructor; <c>ferry migrate --assembly PATH</c> discovers it.
/// </summary>
public interface IMigration
{
    Task UpAsync(IDocumentDatabase database, CancellationToken cancellationToken = default);

    Task DownAsync(IDocumentDatabase database, CancellationToken cancellationToken = default);
}

/// <summary>The version and description of a C# <see cref="IMigration"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class MigrationAttribute(long version, string description) : Attribute
{
    public long Version { get; } = version;

    public string Description { get; } = description;
}
