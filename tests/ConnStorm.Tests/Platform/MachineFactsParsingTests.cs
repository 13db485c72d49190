using ConnStorm.Platform;

namespace ConnStorm.Tests.Platform;

public class MachineFactsParsingTests
{
    [Fact]
    public void MemInfo_ReadsTotalAndAvailableAsKibTimes1024()
    {
        var m = MemInfo.Parse(["MemTotal:       24684084 kB", "MemFree:        20000000 kB", "MemAvailable:   23629320 kB"]);

        Assert.Equal(new MemInfo(24684084L * 1024, 23629320L * 1024), m);
    }

    [Fact]
    public void MemInfo_LeavesReclaimableSlabOutOfTheAvailable()
    {
        var m = MemInfo.Parse(["MemTotal:       24684084 kB", "MemAvailable:   23629320 kB", "SReclaimable:     232484 kB"]);

        Assert.Equal(new MemInfo(24684084L * 1024, (23629320L - 232484) * 1024), m);
    }

    [Fact]
    public void MemInfo_WithoutAvailable_IsNull() => Assert.Null(MemInfo.Parse(["MemTotal: 1 kB"]));

    [Fact]
    public void MemInfo_OnThisMachine_HasAvailableBelowTotal()
    {
        var m = MemInfo.Read();

        Assert.NotNull(m);
        Assert.InRange(m.AvailableBytes, 1, m.TotalBytes);
    }

    [Fact]
    public void FileTable_ReadsAllocatedAndMaxOfFileNr() =>
        Assert.Equal(new FileTable(35205, 2466170), FileTable.Parse("35205\t0\t2466170\n"));

    [Fact]
    public void FileTable_OnThisMachine_AgreesWithFileMax()
    {
        long fileMax = long.Parse(File.ReadAllText("/proc/sys/fs/file-max").Trim(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(fileMax, FileTable.Read()!.Max);
    }

    [Theory]
    [InlineData("CapEff:\t000001fffeffffff", true)]
    [InlineData("CapEff:\t0000000000000000", false)]
    [InlineData("CapEff:\t0000000000200000", true)]
    [InlineData("CapEff:\t00000000001fffff", false)]
    public void Capabilities_ReadsBit21OfCapEff(string line, bool sysAdmin) =>
        Assert.Equal(sysAdmin, Capabilities.HasBit(["Name: x", line], Capabilities.SysAdminBit));

    [Fact]
    public void SlabInfo_SkipsHeadersAndReadsEachCache()
    {
        var caches = SlabInfo.Parse(
        [
            "slabinfo - version: 2.1",
            "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>",
            "TCP                30849  30849   2368   13    8 : tunables    0    0    0 : slabdata   2373   2373      0",
            "filp               31941  31942    192   21    1 : tunables    0    0    0 : slabdata   1521   1521      0",
        ]);

        Assert.Equal(new SlabCache("TCP", 30849, 30849, 2368, 13, 8), caches["TCP"]);
        Assert.Equal(31941L * 192, caches["filp"].ActiveBytes);
        Assert.Equal(2, caches.Count);
    }

    [Fact]
    public void TcpSockStat_ReadsEveryFieldOfTheTcpLine() =>
        Assert.Equal(new TcpSockStat(5, 12, 7, 221),
            TcpSockStat.Parse("sockets: used 36\nTCP: inuse 5 orphan 0 tw 12 alloc 7 mem 221\nUDP: inuse 0 mem 0\n"));
}
