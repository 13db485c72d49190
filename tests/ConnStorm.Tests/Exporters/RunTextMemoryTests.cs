using ConnStorm.Exporters;
using ConnStorm.Results;

namespace ConnStorm.Tests.Exporters;

public sealed class RunTextMemoryTests
{
    private static readonly RunRow Measured = new()
    {
        Run = 1,
        Variant = "default",
        MaxEstablished = 100_000,
        ConnStormPssKb = 81_920,
        ConnStormProcesses = 8,
        ConnStormBytesPerConn = 838,
    };

    [Fact]
    public void The_memory_line_gives_the_sum_the_figure_per_connection_what_it_counts_and_the_worker_build()
    {
        string text = RunText.Memory(Measured, "aot")!;

        Assert.StartsWith("80 MiB at the peak, 838 bytes per held connection", text);
        Assert.Contains("PSS", text);
        Assert.Contains("8 processes", text);
        Assert.Contains("NativeAOT connstorm-worker", text);
        Assert.Contains("kernel's memory for the sockets is not in it", text);
    }

    [Fact]
    public void A_jit_run_says_why_its_workers_were_large()
    {
        Assert.Contains("connstorm itself (JIT)", RunText.Memory(Measured, "jit"));
    }

    [Fact]
    public void A_row_written_before_the_figure_existed_has_no_memory_line()
    {
        Assert.Null(RunText.Memory(Measured with { ConnStormPssKb = null, ConnStormBytesPerConn = null }, "aot"));
    }
}
