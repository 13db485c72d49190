namespace ConnStorm.Tests.TestSupport;

/// <summary>A fact that builds a <see cref="ClusterRig"/>: skipped, saying what is missing, without root, ip or nats-server.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ClusterRigFactAttribute : FactAttribute
{
    public ClusterRigFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "not Linux: the rig uses network namespaces";
        }
        else if (ClusterRig.WhatIsMissing() is { } missing)
        {
            Skip = missing;
        }
    }
}
