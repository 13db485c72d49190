using ConnStorm.Errors;
using ConnStorm.Exporters;
using ConnStorm.Results;

namespace ConnStorm.Tests.Exporters;

public sealed class ExportRunTests
{
    private sealed class Throwing(string name, Exception? error, params string[] files) : IExporter
    {
        public string Name => name;

        public IReadOnlyList<string> Export(ResultsModel results) => error is null ? files : throw error;
    }

    private static ExportRun Run(params IExporter[] exporters)
    {
        using var dir = new TempDir();
        ExportSamples.SingleRun(dir.Path);
        return ExportRun.All(exporters, ResultsModel.Open(dir.Path));
    }

    [Fact]
    public void Every_exporter_that_worked_exits_0_with_its_files()
    {
        var run = Run(new Throwing("plots", null, "a.png"), new Throwing("report", null, "report.html"));

        Assert.Equal(ExitCodes.Ran, run.ExitCode);
        Assert.Equal(["a.png", "report.html"], run.Files);
        Assert.Null(run.WriteFailure);
    }

    [Fact]
    public void A_full_disk_in_one_exporter_is_a_write_failure_exit_3_and_the_others_still_run()
    {
        var full = new IOException("No space left on device");

        var run = Run(new Throwing("plots", full), new Throwing("report", null, "report.html"));

        Assert.Same(full, run.WriteFailure);
        Assert.Equal(ExitCodes.EnvironmentCannotRun, run.ExitCode);
        Assert.Equal(["report.html"], run.Files);
        Assert.Contains("plots: No space left on device", run.Errors);
    }

    [Fact]
    public void A_damaged_input_file_costs_only_that_exporter_and_exits_1()
    {
        var run = Run(new Throwing("summary", new InvalidDataException("runs.csv line 3: bad number")), new Throwing("report", null, "report.html"));

        Assert.Null(run.WriteFailure);
        Assert.Equal(ExitCodes.InternalError, run.ExitCode);
        Assert.Equal(["report.html"], run.Files);
    }

    [Fact]
    public void A_partly_written_export_keeps_the_files_it_wrote()
    {
        var run = Run(new Throwing("plots", new PartialExportException("timeline: bad data", ["port-range.png"])));

        Assert.Equal(["port-range.png"], run.Files);
        Assert.Null(run.WriteFailure);
        Assert.Equal(ExitCodes.InternalError, run.ExitCode);
    }
}
