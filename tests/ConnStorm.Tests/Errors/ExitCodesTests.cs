using ConnStorm.Errors;

namespace ConnStorm.Tests.Errors;

/// <summary>Scripts depend on these numbers (the README lists them): they never change.</summary>
public sealed class ExitCodesTests
{
    [Fact]
    public void The_exit_codes_are_the_documented_ones()
    {
        Assert.Equal(
            [0, 1, 2, 3, 130],
            [ExitCodes.Ran, ExitCodes.InternalError, ExitCodes.BadInput, ExitCodes.EnvironmentCannotRun, ExitCodes.Interrupted]);
    }
}
