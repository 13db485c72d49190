using SkiaSharp;

namespace ConnStorm.Plots;

/// <summary>
/// The one font of every plot. SkiaSharp's Linux assets without dependencies find fonts by scanning
/// /usr/share/fonts: with none there every label silently vanishes, and the first font found may be
/// serif. DejaVu Sans is Debian's fonts-dejavu-core, which run.sh and .ci/run install.
/// </summary>
public static class Fonts
{
    public const string Family = "DejaVu Sans";

    public const string DebianPackage = "fonts-dejavu-core";

    /// <summary>Whether Skia resolves <see cref="Family"/> to itself (not to a fallback face).</summary>
    public static bool Available()
    {
        using var face = SKTypeface.FromFamilyName(Family);
        return face is not null && string.Equals(face.FamilyName, Family, StringComparison.Ordinal);
    }

    /// <summary>Why plots would have no readable text here; null when the font is there.</summary>
    public static string? Missing() =>
        Available() ? null : $"the font {Family} is not installed (apt-get install {DebianPackage}): plot text would not render";
}
