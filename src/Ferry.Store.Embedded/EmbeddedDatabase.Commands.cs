using MongoDB.Bson;

namespace Ferry.Store.Embedded;

/// <summary>Database commands of <see cref="EmbeddedDatabase"/> (see <see cref="CommandRunner"/>).</summary>
public sealed partial class EmbeddedDatabase
{
    public Task<BsonDocument> RunCommandAsync(BsonDocument command, CancellationToken cancellationToken = default) =>
        new CommandRunner(this).RunAsync(command, cancellationToken);
}
