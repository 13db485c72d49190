using ScottPlot;
using SkiaSharp;

namespace ConnStorm.Plots;

/// <summary>
/// One picture: a title band (title and an optional second line) over a grid of ScottPlot panels,
/// drawn once into a PNG and once into an SVG with the same layout.
/// </summary>
internal sealed class Figure(string title, string? subtitle, IReadOnlyList<Plot> panels, int columns, int width, int height)
{
    private const float TitleSize = 17, SubtitleSize = 14;

    public string Title => title;
    public IReadOnlyList<Plot> Panels => panels;
    public int Width => width;
    public int Height => height;

    /// <summary>A figure of one plot.</summary>
    public static Figure Single(string title, string? subtitle, Plot plot, int width, int height) => new(title, subtitle, [plot], 1, width, height);

    /// <summary>What the SVG draws instead, when it must hold fewer points than the PNG (every point is text in an SVG).</summary>
    public Figure? ForSvg { get; init; }

    /// <summary>The same figure at another size (a user's --width/--height).</summary>
    public Figure Resized(int? w, int? h) =>
        new(title, subtitle, panels, columns, w ?? width, h ?? height) { ForSvg = ForSvg?.Resized(w, h) };

    private float Band => subtitle is null ? 38 : 60;

    public void Draw(SKCanvas canvas)
    {
        canvas.Clear(SKColors.White);
        using var face = SKTypeface.FromFamilyName(Fonts.Family, SKFontStyle.Bold);
        using var plain = SKTypeface.FromFamilyName(Fonts.Family);
        using var titleFont = new SKFont(face, TitleSize);
        using var subtitleFont = new SKFont(plain, SubtitleSize);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var grey = new SKPaint { Color = new SKColor(0x44, 0x44, 0x44), IsAntialias = true };
        canvas.DrawText(title, width / 2f, 24, SKTextAlign.Center, titleFont, ink);
        if (subtitle is not null)
        {
            canvas.DrawText(subtitle, width / 2f, 46, SKTextAlign.Center, subtitleFont, grey);
        }

        var rows = (int)Math.Ceiling(panels.Count / (double)columns);
        var cellW = width / (float)columns;
        var cellH = (height - Band) / rows;
        for (var i = 0; i < panels.Count; i++)
        {
            float left = i % columns * cellW, top = Band + i / columns * cellH;
            var rect = new PixelRect(left, left + cellW, top + cellH, top);
            // ScottPlot draws a panel twice when its layout is new (the second time with the measured
            // axes): an SVG would hold every point twice. A pass on a canvas that draws nothing settles it.
            using (var settle = new SKNoDrawCanvas(width, height))
            {
                panels[i].Render(settle, rect);
            }
            // A panel clears before it draws: the clip keeps it from clearing its neighbours and the title.
            canvas.Save();
            canvas.ClipRect(new SKRect(left, top, left + cellW, top + cellH));
            panels[i].Render(canvas, rect);
            canvas.Restore();
        }
    }

    /// <summary>Writes NAME.png and/or NAME.svg into <paramref name="dir"/>; returns the paths.</summary>
    public IReadOnlyList<string> Save(string dir, string name, PlotFormats formats)
    {
        var files = new List<string>();
        if (formats.HasFlag(PlotFormats.Png))
        {
            var png = Path.Combine(dir, name + ".png");
            using var surface = SKSurface.Create(new SKImageInfo(width, height)) ?? throw new InvalidOperationException($"cannot allocate a {width}x{height} image");
            Draw(surface.Canvas);
            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(png, data.ToArray());
            files.Add(png);
        }
        if (formats.HasFlag(PlotFormats.Svg))
        {
            var svg = Path.Combine(dir, name + ".svg");
            using (QuietStderr.Begin())
            using (var stream = File.Create(svg))
            using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
            {
                (ForSvg ?? this).Draw(canvas);
            }
            files.Add(svg);
        }
        return files;
    }
}
