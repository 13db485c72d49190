using ConnStorm.Errors;

namespace ConnStorm.Cli;

/// <summary>
/// Around every command's handler: failures every command can meet end the same way in each,
/// with one line and the same exit code, never a stack trace.
/// </summary>
internal static class HandlerGuard
{
    /// <summary>Runs <paramref name="handler"/>; <paramref name="who"/> ("connstorm probe") starts any message.</summary>
    public static int Run(string who, Func<int> handler)
    {
        try
        {
            return handler();
        }
        catch (ResultsWriteException e)
        {
            Console.Error.WriteLine($"{who}: {e.Message}");
            return ExitCodes.EnvironmentCannotRun;
        }
    }
}
