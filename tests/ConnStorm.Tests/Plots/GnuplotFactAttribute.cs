using ConnStorm.Plots;

namespace ConnStorm.Tests.Plots;

/// <summary>A fact that runs gnuplot; skipped with the reason where gnuplot is not installed.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class GnuplotFactAttribute : FactAttribute
{
    public GnuplotFactAttribute()
    {
        if (Gnuplot.Find() is null)
        {
            Skip = "gnuplot is not on PATH (apt-get install gnuplot-nox)";
        }
    }
}
