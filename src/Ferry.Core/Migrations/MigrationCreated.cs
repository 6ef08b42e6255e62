using MongoDB.Bson;

namespace Ferry.Core.Migrations;

/// <summary>The migration file <see cref="MigrationScaffolder.Create"/> wrote.</summary>
public sealed record MigrationCreated(string Path)
{
    /// <summary>The <c>ferry migrate create --json</c> document: <c>{ ok: true, path }</c>.</summary>
    public BsonDocument ToBson() => new() { { "ok", true }, { "path", Path } };
}
