using System.Globalization;
using System.Text.RegularExpressions;

namespace ConnStorm.Exporters;

/// <summary>
/// An SVG file made fit to sit inside an HTML page: no XML prolog, doctype, comments or script,
/// ids prefixed so two plots' ids cannot collide, and a viewBox so it scales to the page's width.
/// </summary>
public static partial class InlineSvg
{
    public static string From(string svgText, string idPrefix)
    {
        ArgumentNullException.ThrowIfNull(svgText);
        int start = svgText.IndexOf("<svg", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidDataException("not an SVG file: no <svg> element");
        }
        var svg = svgText[start..];
        svg = Comment().Replace(svg, "");
        svg = Script().Replace(svg, "");
        svg = EventAttribute().Replace(svg, "");
        foreach (var id in Id().Matches(svg).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList())
        {
            var to = idPrefix + id;
            svg = svg.Replace($"id=\"{id}\"", $"id=\"{to}\"", StringComparison.Ordinal)
                .Replace($"url(#{id})", $"url(#{to})", StringComparison.Ordinal)
                .Replace($"href=\"#{id}\"", $"href=\"#{to}\"", StringComparison.Ordinal);
        }
        return WithViewBox(svg).TrimEnd();
    }

    // Without a viewBox, "width: 100%; height: auto" cannot scale the drawing; derive it from width and height.
    private static string WithViewBox(string svg)
    {
        int end = svg.IndexOf('>', StringComparison.Ordinal);
        var tag = svg[..end];
        if (tag.Contains("viewBox", StringComparison.Ordinal)
            || Size().Match(tag) is not { Success: true } w
            || Size().Match(tag, w.Index + w.Length) is not { Success: true } h)
        {
            return svg;
        }
        var (width, height) = w.Groups[1].Value == "width" ? (w, h) : (h, w);
        var box = string.Create(CultureInfo.InvariantCulture, $" viewBox=\"0 0 {width.Groups[2].Value} {height.Groups[2].Value}\"");
        return svg.Insert(4, box);
    }

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"<script\b.*?</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Script();

    [GeneratedRegex(@"\s+on[a-z]+\s*=\s*(""[^""]*""|'[^']*')", RegexOptions.IgnoreCase)]
    private static partial Regex EventAttribute();

    [GeneratedRegex(@"\bid=""([^""]+)""")]
    private static partial Regex Id();

    [GeneratedRegex(@"\b(width|height)=""([0-9.]+)(?:px)?""")]
    private static partial Regex Size();
}
