using System.Buffers.Binary;
using System.Text;
using Ferry.Core.Storage;
using Ferry.Store.Conformance.Targets;
using MongoDB.Bson;

namespace Ferry.Store.Conformance.Suite;

/// <summary>
/// Every valid case of the BSON corpus (tests/data/bson-corpus) is stored as a sub-document and read
/// back by a scan: the bytes must be identical.
/// </summary>
public abstract partial class StoreConformanceTests
{
    public static TheoryData<string, int, string> BsonCorpusCases()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var file in Directory.GetFiles(TestData.Folder("bson-corpus"), "*.json").Order(StringComparer.Ordinal))
        {
            var spec = Doc.Parse(File.ReadAllText(file));
            var valid = spec.GetValue("valid", new BsonArray()).AsBsonArray;
            for (var i = 0; i < valid.Count; i++)
            {
                data.Add(Path.GetFileNameWithoutExtension(file), i, valid[i]["description"].AsString);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(BsonCorpusCases))]
    public async Task Bson_corpus_valid_case_round_trips_byte_for_byte(string file, int index, string description)
    {
        var spec = Doc.Parse(File.ReadAllText(TestData.File("bson-corpus/" + file + ".json")));
        var valid = spec["valid"][index].AsBsonDocument;
        var canonical = Convert.FromHexString(valid["canonical_bson"].AsString);
        var document = new RawBsonDocument(Wrap(canonical));
        Skip.If(!IsReadable(document), $"MongoDB.Bson cannot read this type ({file}: {description}), so no store can receive it");

        await using var db = await OpenAsync();
        var c = db.Collection("corpus");
        await c.BulkWriteAsync([new InsertRequest(document)]);
        var stored = Assert.Single(await c.ScanAsync().ToListAsync());

        Assert.Equal(Convert.ToHexString(Wrap(canonical)), Convert.ToHexString(RawBytes(stored)));
    }

    /// <summary><c>{_id: 1, d: &lt;the corpus document&gt;}</c> assembled from raw bytes.</summary>
    private static byte[] Wrap(byte[] embedded)
    {
        using var stream = new MemoryStream();
        stream.Write(new byte[4]);
        stream.WriteByte(0x10);
        stream.Write(Encoding.UTF8.GetBytes("_id\0"));
        stream.Write([1, 0, 0, 0]);
        stream.WriteByte(0x03);
        stream.Write(Encoding.UTF8.GetBytes("d\0"));
        stream.Write(embedded);
        stream.WriteByte(0);
        var bytes = stream.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes, bytes.Length);
        return bytes;
    }

    private static bool IsReadable(RawBsonDocument document)
    {
        try
        {
            _ = document.ToBsonDocument().ToJson();
            return true;
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or BsonSerializationException or InvalidOperationException)
        {
            return false;
        }
    }
}
