using System.Buffers.Binary;
using Ferry.Core.Backup;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Backup;

public sealed class BsonCorpusRoundTripTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task Every_bson_type_survives_create_verify_restore_unchanged(bool gzip, bool archive)
    {
        var documents = BsonCorpusValidatorTests.Cases("valid", "canonical_bson").Select((c, i) => Wrap(i, c.Bytes)).ToList();
        Assert.True(documents.Count > 100);

        var source = new InMemoryStore();
        await source.GetDatabase("corpus").GetCollection("all").BulkWriteAsync(documents.Select(d => (WriteRequest)new InsertRequest(new RawBsonDocument(d))).ToList());
        using var temp = new TempFolder();
        var service = BackupFixtures.Service();
        await service.CreateAsync(source, new BackupOptions { Tag = "corpus", OutputRoot = temp.Path, Gzip = gzip, Archive = archive });
        var report = await service.VerifyAsync(temp.Path, "corpus");
        Assert.True(report.Ok, string.Join("\n", report.Problems));
        Assert.Equal(documents.Count, report.DocumentsChecked);

        var target = new InMemoryStore();
        var result = await service.RestoreAsync(target, new RestoreOptions { Tag = "corpus", BackupRoot = temp.Path });
        Assert.True(result.Ok);
        Assert.Equal(documents, BackupFixtures.Raw(target, "corpus", "all"));
    }

    /// <summary>{ _id: i, d: corpusDocument } built from bytes, so the corpus document is carried untouched.</summary>
    private static byte[] Wrap(int id, byte[] document)
    {
        byte[] idElement = [0x10, (byte)'_', (byte)'i', (byte)'d', 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteInt32LittleEndian(idElement.AsSpan(5), id);
        byte[] docHeader = [0x03, (byte)'d', 0];
        var length = 4 + idElement.Length + docHeader.Length + document.Length + 1;
        var bytes = new byte[length];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, length);
        idElement.CopyTo(bytes, 4);
        docHeader.CopyTo(bytes, 4 + idElement.Length);
        document.CopyTo(bytes, 4 + idElement.Length + docHeader.Length);
        return bytes;
    }
}
