using System.Buffers.Binary;
using System.IO.Compression;

namespace ConnStorm.Tests.Exporters;

/// <summary>
/// Just enough of PNG to count pixels of a browser screenshot (8-bit RGB or RGBA, not interlaced):
/// System.Drawing is not available on Linux.
/// </summary>
internal sealed record PngPixels(int Width, int Height, int Channels, byte[] Data)
{
    public static PngPixels Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (int at = 8; at + 8 <= bytes.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            var chunk = bytes.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(chunk);
                height = BinaryPrimitives.ReadInt32BigEndian(chunk[4..]);
                if (chunk[8] != 8 || chunk[12] != 0 || chunk[9] is not (2 or 6))
                {
                    throw new NotSupportedException($"PNG of bit depth {chunk[8]}, colour type {chunk[9]}, interlace {chunk[12]}");
                }
                channels = chunk[9] == 6 ? 4 : 3;
            }
            else if (type == "IDAT")
            {
                idat.Write(chunk);
            }
            at += 12 + length;
        }
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            z.CopyTo(inflated);
        }
        return new PngPixels(width, height, channels, Unfilter(inflated.ToArray(), width, height, channels));
    }

    /// <summary>Pixels that are not (near) white.</summary>
    public long NonWhite()
    {
        long count = 0;
        for (int i = 0; i < Data.Length; i += Channels)
        {
            if (Data[i] < 240 || Data[i + 1] < 240 || Data[i + 2] < 240)
            {
                count++;
            }
        }
        return count;
    }

    public int DistinctColours()
    {
        var seen = new HashSet<int>();
        for (int i = 0; i < Data.Length; i += Channels)
        {
            seen.Add(Data[i] << 16 | Data[i + 1] << 8 | Data[i + 2]);
        }
        return seen.Count;
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
    {
        int stride = width * bpp;
        var output = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (stride + 1)];
            int src = y * (stride + 1) + 1;
            int dst = y * stride;
            for (int x = 0; x < stride; x++)
            {
                int a = x >= bpp ? output[dst + x - bpp] : 0;
                int b = y > 0 ? output[dst + x - stride] : 0;
                int c = x >= bpp && y > 0 ? output[dst + x - stride - bpp] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG filter {filter}"),
                };
                output[dst + x] = (byte)(raw[src + x] + predictor);
            }
        }
        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
