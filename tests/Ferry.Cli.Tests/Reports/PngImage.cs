using System.Buffers.Binary;
using System.IO.Compression;

namespace Ferry.Cli.Tests.Reports;

/// <summary>
/// Just enough PNG decoding to look at a browser's screenshot: 8-bit RGB or RGBA, non-interlaced (what Chromium
/// writes). Pixels are unfiltered into RGB triples so a test can measure size, variance and differences.
/// </summary>
internal sealed class PngImage
{
    private PngImage(int width, int height, byte[] rgb) => (Width, Height, Rgb) = (width, height, rgb);

    public int Width { get; }

    public int Height { get; }

    /// <summary>Red, green, blue per pixel, row by row.</summary>
    public byte[] Rgb { get; }

    public static PngImage Read(string path)
    {
        var data = File.ReadAllBytes(path);
        Assert.True(data.AsSpan(0, 8).SequenceEqual((byte[])[137, 80, 78, 71, 13, 10, 26, 10]), path + " is not a PNG file");
        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        for (var at = 8; at < data.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(data, at + 4, 4);
            var body = data.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(body), BinaryPrimitives.ReadInt32BigEndian(body[4..]));
                Assert.True(body[8] == 8 && body[12] == 0, "only 8-bit non-interlaced PNGs are read here");
                channels = body[9] switch { 2 => 3, 6 => 4, var other => throw new InvalidDataException($"PNG colour type {other}") };
            }
            else if (type == "IDAT")
            {
                compressed.Write(body);
            }

            at += 12 + length;
        }

        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        return new PngImage(width, height, Unfilter(inflated.ToArray(), width, height, channels));
    }

    /// <summary>The variance of the pixels' brightness: 0 for a blank (single-colour) image.</summary>
    public double BrightnessVariance()
    {
        var values = Enumerable.Range(0, Width * Height).Select(i => (Rgb[i * 3] + Rgb[(i * 3) + 1] + Rgb[(i * 3) + 2]) / 3.0).ToList();
        var mean = values.Average();
        return values.Average(v => (v - mean) * (v - mean));
    }

    public int DistinctColours() => Enumerable.Range(0, Width * Height).Select(i => (Rgb[i * 3] << 16) | (Rgb[(i * 3) + 1] << 8) | Rgb[(i * 3) + 2]).Distinct().Count();

    private static byte[] Unfilter(byte[] raw, int width, int height, int channels)
    {
        var stride = width * channels;
        var current = new byte[stride];
        var previous = new byte[stride];
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var row = raw.AsSpan(y * (stride + 1));
            var filter = row[0];
            for (var x = 0; x < stride; x++)
            {
                int left = x >= channels ? current[x - channels] : 0, up = previous[x], upLeft = x >= channels ? previous[x - channels] : 0;
                current[x] = (byte)(row[x + 1] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"PNG filter {filter}"),
                });
            }

            for (var x = 0; x < width; x++)
            {
                current.AsSpan(x * channels, 3).CopyTo(rgb.AsSpan(((y * width) + x) * 3));
            }

            (previous, current) = (current, previous);
        }

        return rgb;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
