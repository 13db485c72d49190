using ConnStorm.Results;

namespace ConnStorm.Tests.Results;

public class ResultsFolderTests
{
    private static readonly DateTime Now = new(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    [Fact]
    public void Resolve_WithoutOut_UsesScenarioNameAndUtcTimestamp()
    {
        using var dir = new TempDir();

        var path = ResultsFolder.Resolve(null, "port-exhaustion", Now, dir.Path);

        Assert.Equal(Path.Combine(dir.Path, "port-exhaustion", "20250304-050607Z"), path);
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public void Resolve_WhenTheTimestampFolderExists_AddsDashTwoThenDashThree()
    {
        using var dir = new TempDir();

        var first = ResultsFolder.Resolve(null, "s", Now, dir.Path);
        var second = ResultsFolder.Resolve(null, "s", Now, dir.Path);
        var third = ResultsFolder.Resolve(null, "s", Now, dir.Path);

        Assert.Equal(first + "-2", second);
        Assert.Equal(first + "-3", third);
        Assert.True(Directory.Exists(third));
    }

    [Fact]
    public void Resolve_WithOut_UsesItExactlyAndCreatesIt()
    {
        using var dir = new TempDir();
        var outDir = Path.Combine(dir.Path, "my", "run");

        var path = ResultsFolder.Resolve(outDir, "ignored", Now, "/nonexistent-results-root");

        Assert.Equal(outDir, path);
        Assert.True(Directory.Exists(outDir));
    }

    [Fact]
    public void Resolve_WithASlashInTheScenarioName_StaysUnderTheResultsRoot()
    {
        using var dir = new TempDir();

        var path = ResultsFolder.Resolve(null, "../escape", Now, dir.Path);

        Assert.StartsWith(dir.Path + Path.DirectorySeparatorChar, path);
        Assert.Equal(dir.Path, Path.GetDirectoryName(Path.GetDirectoryName(path)));
    }
}
