namespace ConnStorm.Compare;

/// <summary>The folders given to compare cannot be compared; the message names them and says why. Nothing was written.</summary>
public sealed class CompareException : Exception
{
    public CompareException(string message)
        : base(message)
    {
    }

    public CompareException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
