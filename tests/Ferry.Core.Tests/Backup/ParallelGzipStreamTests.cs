using System.IO.Compression;
using Ferry.Core.Backup;

namespace Ferry.Core.Tests.Backup;

public sealed class ParallelGzipStreamTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(256 * 1024)]
    [InlineData(1_300_000)]
    public void Output_decompresses_to_exactly_the_input_whatever_the_write_sizes(int length)
    {
        var input = new byte[length];
        new Random(length).NextBytes(input.AsSpan(0, length / 2)); // half random, half zeros: both kinds of chunk
        using var file = new MemoryStream();
        using (var gzip = new ParallelGzipStream(file, leaveOpen: true))
        {
            var random = new Random(7);
            for (var at = 0; at < length;)
            {
                var take = Math.Min(length - at, random.Next(1, 100_000));
                gzip.Write(input, at, take);
                at += take;
            }
        }

        Assert.True(file.Length >= 20, "even empty input is a complete gzip member");
        file.Position = 0;
        using var reader = new GZipStream(file, CompressionMode.Decompress);
        using var output = new MemoryStream();
        reader.CopyTo(output);
        Assert.Equal(input, output.ToArray());
    }

    [Fact]
    public void Large_input_becomes_several_members_in_order()
    {
        var input = Enumerable.Range(0, 700_000).Select(i => (byte)(i % 251)).ToArray();
        using var file = new MemoryStream();
        using (var gzip = new ParallelGzipStream(file, leaveOpen: true))
        {
            gzip.Write(input);
            gzip.Flush();
            gzip.Write(input.AsSpan(0, 10));
        }

        var bytes = file.ToArray();
        byte[] header = [0x1f, 0x8b, 0x08];
        var members = 0;
        for (var i = 0; i + 3 <= bytes.Length; i++)
        {
            if (bytes.AsSpan(i, 3).SequenceEqual(header) && i + 8 < bytes.Length && bytes[i + 3] == 0 && bytes[i + 4] == 0 && bytes[i + 7] == 0)
            {
                members++;
            }
        }

        Assert.True(members >= 4, $"expected at least 4 members (3 full chunks, the flushed rest, the tail), found {members}");
        using var reader = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        reader.CopyTo(output);
        Assert.Equal(input.Concat(input.Take(10)).ToArray(), output.ToArray());
    }
}
