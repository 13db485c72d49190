namespace ConnStorm.Errors;

/// <summary>What a ConnStorm exit code tells a script.</summary>
public static class ExitCodes
{
    /// <summary>The experiment ran. Kernel failures (EADDRNOTAVAIL, ...) are its data, not errors.</summary>
    public const int Ran = 0;
    /// <summary>Something went wrong inside ConnStorm itself.</summary>
    public const int InternalError = 1;
    /// <summary>Bad usage or a bad scenario: nothing was started.</summary>
    public const int BadInput = 2;
    /// <summary>This environment cannot run it (no root for a lab, no ip command, not Linux).</summary>
    public const int EnvironmentCannotRun = 3;
    /// <summary>The experiment ran, but part of the fleet was lost: results hold what the rest measured (run --cluster).</summary>
    public const int Partial = 4;
    /// <summary>Interrupted (Ctrl-C, SIGTERM); results written so far are kept.</summary>
    public const int Interrupted = 130;
}
