using ConnStorm.Proxy;

namespace ConnStorm.Tests.TestSupport;

/// <summary>A lab fact that also needs HAProxy; skipped, saying how to install it, where it is missing.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class HaproxyFactAttribute : FactAttribute
{
    public HaproxyFactAttribute()
    {
        if (ConnStorm.Lab.LabRequirements.WhatIsMissing() is { } missing)
        {
            Skip = missing;
        }
        else if (Haproxy.Find() is null)
        {
            Skip = "haproxy is not installed: " + Haproxy.MissingHint + " (./run.sh test installs it)";
        }
    }
}
