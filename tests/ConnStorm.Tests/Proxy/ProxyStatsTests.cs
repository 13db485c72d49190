using ConnStorm.Proxy;

namespace ConnStorm.Tests.Proxy;

public class ProxyStatsTests
{
    /// <summary>`show stat` of HAProxy 2.6.12 after a run with one backend and a 250-port range (first columns of each row).</summary>
    private const string Recorded = """
        # pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck
        fe,FRONTEND,,,249,262,9950,9000,16000,16000,0,0,0,,,,,OPEN,,,
        be,b1,0,0,249,250,,250,16000,16000,,0,,8750,0,26250,0,no check,1,1,0
        be,BACKEND,0,0,249,252,995,9000,16000,16000,0,0,,8750,0,26250,0,UP,1,1,0

        """;

    [Fact]
    public void Parse_ARecordedShowStat_ReadsEachRowsCountersByColumnName()
    {
        var rows = ProxyStats.Parse(Recorded);

        Assert.Equal(3, rows.Count);
        Assert.Equal(new ProxyStatRow("be", "b1", 249, 250, 250, 8750, 0, 26250, 0, "no check"), rows[1]);
        Assert.True(rows[0].IsFrontend);
        Assert.Equal("OPEN", rows[0].Status);
        Assert.Equal(0, rows[0].Econ);
    }

    [Fact]
    public void ConnErrorsAndMaxCurrent_AreTheBackendsNotTheSumOverItsServersToo()
    {
        var rows = ProxyStats.Parse(Recorded);

        Assert.Equal(8750, ProxyStats.ConnErrors(rows));
        Assert.Equal(252, ProxyStats.MaxCurrent(rows));
    }

    [Fact]
    public void Parse_WithoutAHeader_IsAFormatError()
    {
        Assert.Throws<FormatException>(() => ProxyStats.Parse("fe,FRONTEND,1\n"));
    }

    [Fact]
    public void Write_KeepsOneLinePerRowWithTheChosenColumns()
    {
        string path = Path.GetTempFileName();
        try
        {
            ProxyStats.Write(path, ProxyStats.Parse(Recorded));

            var lines = File.ReadAllLines(path);
            Assert.Equal("proxy,service,scur,smax,stot,econ,eresp,wretr,wredis,status", lines[0]);
            Assert.Equal("be,BACKEND,249,252,9000,8750,0,26250,0,UP", lines[3]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Summarise_CountsHaproxysMessagesAndTheFailedTerminationStates_MostFrequentFirst()
    {
        string[] log =
        [
            "[NOTICE]   (17776) : haproxy version is 2.6.12-1+deb12u4",
            "Connect() failed for backend be: no free ports.",
            "Connect() failed for backend be: no free ports.",
            "[WARNING]  (17776) : Server be/b1 is DOWN.",
            "127.0.1.9:40016 [21/Nov/2026:17:56:59.207] fe be/b1 1/0/57 8 -- 15/15/14/14/0 0/0",
            "127.0.1.40:40006 [21/Nov/2026:17:56:59.240] fe be/b1 1/-1/0 0 SC 21/21/20/20/3 0/0",
        ];

        var summary = HaproxyLog.Summarise(log);

        Assert.Equal(
            [
                "2× \"Connect() failed for backend be: no free ports.\"",
                "1× \"[WARNING]: Server be/b1 is DOWN.\"",
                "1 connections ended with termination state SC (the upstream connect failed)",
            ],
            summary);
    }
}
