using ConnStorm.Lab;

namespace ConnStorm.Tests.TestSupport;

/// <summary>
/// A fact that needs a lab (root, Linux, iproute2). xunit 2 has no dynamic skip, so the reason is
/// decided when the attribute is built: elsewhere the test shows as skipped with what is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LabFactAttribute : FactAttribute
{
    public LabFactAttribute()
    {
        if (LabRequirements.WhatIsMissing() is { } missing)
        {
            Skip = missing;
        }
    }
}

/// <summary>A fact that needs Linux (epoll, raw sockets) but not root.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux";
        }
    }
}
