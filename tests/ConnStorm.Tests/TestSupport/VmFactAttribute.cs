namespace ConnStorm.Tests.TestSupport;

/// <summary>
/// A fact that boots micro-VMs (qemu TCG, a downloaded kernel, a self-contained publish: minutes,
/// not milliseconds), so it runs only when CONNSTORM_VM_TESTS=1 asks for it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class VmFactAttribute : FactAttribute
{
    public const string Switch = "CONNSTORM_VM_TESTS";

    public VmFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Switch) != "1")
        {
            Skip = $"boots a qemu micro-VM (minutes); set {Switch}=1 to run it";
        }
    }
}
