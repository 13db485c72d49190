using ConnStorm.Errors;

namespace ConnStorm.Tests.Errors;

public sealed class ResultsWriteExceptionTests
{
    [Fact]
    public void The_message_names_the_folder_once_and_the_systems_reason_without_the_file()
    {
        var e = ResultsWriteException.About("/tmp/full/x", new IOException("No space left on device : '/tmp/full/x/connections.csv'"));

        Assert.Equal("cannot write results to /tmp/full/x: No space left on device", e.Message);
    }

    [Fact]
    public void A_missing_parent_reads_as_no_such_file_or_directory()
    {
        Assert.Equal("No such file or directory", ResultsWriteException.ReasonOf(new DirectoryNotFoundException("Could not find a part of the path '/proc/nope'.")));
        Assert.Equal("No such file or directory", ResultsWriteException.ReasonOf(new FileNotFoundException("Could not find file '/proc/nope'.")));
    }

    [Fact]
    public void A_refusal_reads_as_permission_denied()
    {
        Assert.Equal("Permission denied", ResultsWriteException.ReasonOf(new UnauthorizedAccessException("Access to the path '/root/x' is denied.")));
    }

    [Fact]
    public void Guard_turns_a_write_failure_into_one_naming_the_folder_and_lets_other_errors_through()
    {
        var e = Assert.Throws<ResultsWriteException>(() => ResultsWriteException.Guard("/out", () => throw new IOException("Read-only file system : '/out/a'")));
        Assert.Equal("cannot write results to /out: Read-only file system", e.Message);
        Assert.Throws<InvalidOperationException>(() => ResultsWriteException.Guard("/out", () => throw new InvalidOperationException()));
    }
}
