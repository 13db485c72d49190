using SkiaSharp;

namespace ConnStorm.Tests.Plots;

/// <summary>What a drawn plot must be: a PNG that decodes at its size with text in it, an SVG holding its words.</summary>
internal static class Rendered
{
    public static void Png(string path, int width, int height)
    {
        using var bitmap = SKBitmap.Decode(path);
        Assert.True(bitmap is not null, $"{path} does not decode as an image");
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
    }

    /// <summary>Dark pixels (text) in the title band: with no font found, labels vanish silently.</summary>
    public static int DarkPixelsInTitleBand(string path)
    {
        using var bitmap = SKBitmap.Decode(path);
        var dark = 0;
        for (var y = 0; y < 40; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red + c.Green + c.Blue < 200)
                {
                    dark++;
                }
            }
        }
        return dark;
    }

    public static void Svg(string path, params string[] texts)
    {
        var svg = File.ReadAllText(path);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        foreach (var text in texts)
        {
            Assert.Contains(System.Security.SecurityElement.Escape(text), svg, StringComparison.Ordinal);
        }
    }
}
