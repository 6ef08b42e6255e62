using System.Buffers.Binary;
using System.Security.Cryptography;
using Ferry.Core.Backup.Formats;
using Ferry.Core.Storage;

namespace Ferry.Core.Backup;

/// <summary>
/// The content of one collection in two numbers: how many documents, and an order-independent checksum (the sum of
/// the first 8 bytes of each document's SHA-256 over its exact BSON bytes). Equal digests of a backup's file and a
/// live collection mean the collection holds the backup's documents byte for byte, whatever the order they were
/// written in. Streams; never holds a collection in memory.
/// </summary>
internal readonly record struct CollectionDigest(long Documents, ulong Checksum)
{
    public static async Task<CollectionDigest> OfFileAsync(string dataFile, string label, CancellationToken cancellationToken)
    {
        await using var stream = BackupStreams.OpenRead(dataFile);
        var reader = new BsonStreamReader(stream, label);
        var digest = default(CollectionDigest);
        while (await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false) is { } document)
        {
            digest = digest.Add(document);
        }

        return digest;
    }

    public static async Task<CollectionDigest> OfCollectionAsync(IDocumentCollection collection, CancellationToken cancellationToken)
    {
        var digest = default(CollectionDigest);
        await foreach (var document in collection.ScanAsync(null, cancellationToken).ConfigureAwait(false))
        {
            using (document)
            {
                digest = digest.Add(RawDocumentBytes.View(document).Span);
            }
        }

        return digest;
    }

    public override string ToString() => $"{Documents} document(s), checksum {Checksum:x16}";

    private CollectionDigest Add(ReadOnlySpan<byte> document)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(document, hash);
        return new CollectionDigest(Documents + 1, unchecked(Checksum + BinaryPrimitives.ReadUInt64BigEndian(hash)));
    }
}
