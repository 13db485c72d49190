using ConnStorm.Compare;
using ConnStorm.Tests.Results;

namespace ConnStorm.Tests.Compare;

/// <summary>Loading folders and lining up their rows.</summary>
public sealed class ComparerTests
{
    [Fact]
    public void Two_run_folders_with_one_differing_row_mark_exactly_that_row_and_count_1()
    {
        using var dir = new TempDir();
        var a = CompareSamples.Runs(dir.File("a"), CompareSamples.Sweep(), kernel: "6.18.44");
        var b = CompareSamples.Runs(dir.File("b"), CompareSamples.SweepOneRowDiffers(), kernel: "6.8.0-45-generic");

        var report = Comparer.Load([a, b]);

        Assert.Equal(CompareKind.Runs, report.Kind);
        Assert.Equal(12, report.Rows.Count);
        Assert.Equal(1, report.DifferingCount);
        var row = Assert.Single(report.Rows, r => r.Differs);
        Assert.Equal(["connect", "4000", "3", "1"], row.Key);
        Assert.Equal(["12000, EADDRNOTAVAIL in connect", "4000, EADDRNOTAVAIL in connect"], row.Cells);
        Assert.Equal(["6.18.44", "6.8.0-45-generic"], report.Columns.Select(c => c.KernelRelease));
    }

    [Fact]
    public void A_row_present_in_one_folder_only_is_missing_in_the_others_and_counts_as_differing()
    {
        using var dir = new TempDir();
        var a = CompareSamples.Runs(dir.File("a"), CompareSamples.Sweep());
        var b = CompareSamples.Runs(dir.File("b"), CompareSamples.Sweep().Where(r => r.PortRangeSize != 16000));

        var report = Comparer.Load([a, b]);

        Assert.Equal(4, report.DifferingCount);
        Assert.All(report.Rows.Where(r => r.Key[1] == "16000"), r =>
        {
            Assert.True(r.Differs);
            Assert.NotNull(r.Cells[0]);
            Assert.Null(r.Cells[1]);
        });
    }

    [Fact]
    public void A_run_without_failure_says_so_in_its_cell()
    {
        var row = CompareSamples.Sweep()[0] with { FirstFailureErrno = null, FirstFailurePhase = null };

        Assert.Equal("1000, no failure", RunsRows.Cell(row));
    }

    [Fact]
    public void Two_probes_folders_mark_the_differing_case_and_the_differing_claim()
    {
        using var dir = new TempDir();
        var a = CompareSamples.Probes(dir.File("a"), "6.18.44");
        var b = CompareSamples.Probes(dir.File("b"), "6.1.0", shuffled: true, verdict: "fails");

        var report = Comparer.Load([a, b]);

        Assert.Equal(CompareKind.Probes, report.Kind);
        Assert.Equal(2, report.DifferingCount);
        var cases = report.RowsOf(CompareTable.Cases);
        Assert.Equal(4, cases.Count);
        var differing = Assert.Single(cases, r => r.Differs);
        Assert.Equal(["port-sequence", "connect-to-a"], differing.Key);
        // Numbers sorted by name, whatever the order in probes.json.
        Assert.Equal("ok · calls=300 even_share=1 step_median=2", differing.Cells[0]);
        Assert.Equal("ok · calls=300 even_share=0.5 step_median=311", differing.Cells[1]);
        Assert.Equal("EADDRINUSE · port=40100", cases.Single(r => r.Key[1] == "tcp-tcp-same-port").Cells[0]);
        var claim = Assert.Single(report.RowsOf(CompareTable.Claims), r => r.Differs);
        Assert.Equal(["holds", "fails"], claim.Cells);
    }

    [Fact]
    public void Numbers_a_probe_marks_volatile_are_shown_but_do_not_make_a_row_differ()
    {
        using var dir = new TempDir();
        string Folder(string name, int port)
        {
            string path = dir.File(name);
            Directory.CreateDirectory(path);
            File.WriteAllText(Path.Combine(path, "probes.json"), $$"""
                { "schema": "connstorm.probes/1", "kernel_release": "{{name}}", "hostname": "h", "where": "host",
                  "probes": [], "claims": [],
                  "cases": [ { "probe": "no-port", "case": "with-option", "outcome": "ok", "errno": null,
                               "numbers": { "port_after_bind": 0, "port_after_connect": {{port}}, "connects": 1 },
                               "volatile": ["port_after_bind", "port_after_connect"] } ] }
                """);
            return path;
        }

        var report = Comparer.Load([Folder("6.1", 40348), Folder("6.12", 40142)]);

        var row = Assert.Single(report.RowsOf(CompareTable.Cases));
        Assert.False(row.Differs);
        Assert.Equal(0, report.DifferingCount);
        Assert.Equal("ok · connects=1 (varies: port_after_bind=0 port_after_connect=40348)", row.Cells[0]);
    }

    [Fact]
    public void Runs_and_probes_cannot_be_compared_and_the_error_names_both_folders()
    {
        using var dir = new TempDir();
        var runs = CompareSamples.Runs(dir.File("runs"), CompareSamples.Sweep());
        var probes = CompareSamples.Probes(dir.File("probes"), "6.18.44");

        var e = Assert.Throws<CompareException>(() => Comparer.Load([runs, probes]));

        Assert.Contains("runs with probes", e.Message);
        Assert.Contains($"{runs}: runs", e.Message);
        Assert.Contains($"{probes}: probes", e.Message);
    }

    [Fact]
    public void Folders_of_different_schema_versions_cannot_be_compared()
    {
        using var dir = new TempDir();
        var a = CompareSamples.Probes(dir.File("a"), "6.18.44");
        var b = CompareSamples.Probes(dir.File("b"), "6.18.44", schema: "connstorm.probes/2");

        var e = Assert.Throws<CompareException>(() => Comparer.Load([a, b]));

        Assert.Contains("different schema versions", e.Message);
        Assert.Contains("connstorm.probes/1", e.Message);
        Assert.Contains("connstorm.probes/2", e.Message);
    }

    [Fact]
    public void Folders_of_an_unknown_schema_are_refused_even_when_they_agree()
    {
        using var dir = new TempDir();
        var a = CompareSamples.Probes(dir.File("a"), "6.18.44", schema: "connstorm.probes/9");
        var b = CompareSamples.Probes(dir.File("b"), "6.18.44", schema: "connstorm.probes/9");

        var e = Assert.Throws<CompareException>(() => Comparer.Load([a, b]));

        Assert.Contains("unsupported schema connstorm.probes/9", e.Message);
    }

    [Fact]
    public void A_folder_that_is_neither_runs_nor_probes_is_named_in_the_error()
    {
        using var dir = new TempDir();
        var a = CompareSamples.Runs(dir.File("a"), CompareSamples.Sweep());
        Directory.CreateDirectory(dir.File("empty"));

        var e = Assert.Throws<CompareException>(() => Comparer.Load([a, dir.File("empty")]));

        Assert.Contains(dir.File("empty"), e.Message);
        Assert.Contains("not a ConnStorm results folder", e.Message);
    }

    [Fact]
    public void One_folder_is_not_enough()
    {
        using var dir = new TempDir();
        var a = CompareSamples.Runs(dir.File("a"), CompareSamples.Sweep());

        var e = Assert.Throws<CompareException>(() => Comparer.Load([a]));

        Assert.Contains("at least two", e.Message);
    }

    [Fact]
    public void Folders_with_the_same_last_two_path_parts_are_numbered_apart()
    {
        var names = Comparer.ColumnNames(["/x/myth/20261121-171634Z", "/y/myth/20261121-171634Z", "/z/other/1"]);

        Assert.Equal(["myth/20261121-171634Z #1", "myth/20261121-171634Z #2", "other/1"], names);
    }
}
