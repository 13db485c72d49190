namespace ConnStorm.Lab;

/// <summary>A lab could not be set up; the message names the command that failed and what it printed.</summary>
public sealed class LabException : Exception
{
    public LabException()
    {
    }

    public LabException(string message)
        : base(message)
    {
    }

    public LabException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
