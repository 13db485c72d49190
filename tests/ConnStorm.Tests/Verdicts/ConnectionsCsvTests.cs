using ConnStorm.Results;
using ConnStorm.Verdicts;

namespace ConnStorm.Tests.Verdicts;

public class ConnectionsCsvTests
{
    [Fact]
    public void A_missing_file_reads_as_null()
    {
        using var dir = new TempDir();

        Assert.Null(ConnectionsCsv.ReadPairs(dir.File("connections.csv")));
    }

    [Fact]
    public void Pairs_come_back_in_file_order()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("connections.csv"), "seq,t_ms,source,target,connect_us\n1,0.5,10.0.0.1:5000,10.1.0.1:80,120\n2,0.75,10.0.0.1:5000,10.1.0.2:80,90\n");

        var pairs = ConnectionsCsv.ReadPairs(dir.File("connections.csv"));

        Assert.Equal([("10.0.0.1:5000", "10.1.0.1:80"), ("10.0.0.1:5000", "10.1.0.2:80")], pairs);
    }

    [Fact]
    public void A_file_the_recorder_wrote_reads_back()
    {
        using var dir = new TempDir();
        using (var recorder = Samples.Recorder(dir))
        {
            recorder.Established(Samples.Conn(1, 10));
            recorder.Established(Samples.Conn(2, 20));
        }

        var pairs = ConnectionsCsv.ReadPairs(dir.File(RunRecorder.ConnectionsFile));

        Assert.Equal([("127.0.0.1:40001", Samples.Target), ("127.0.0.1:40002", Samples.Target)], pairs);
    }

    [Fact]
    public void The_results_lookup_reads_each_run_from_its_own_folder()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("run-1"));
        File.WriteAllText(Path.Combine(dir.Path, "run-1", "connections.csv"), "seq,t_ms,source,target,connect_us\n1,0.5,a:1,b:2,3\n");
        var lookup = ConnectionsCsv.ForResults(dir.Path);

        Assert.Equal([("a:1", "b:2")], lookup(new RunRow { Run = 1, RunDir = "run-1" }));
        Assert.Null(lookup(new RunRow { Run = 2, RunDir = "run-2" }));
    }
}
