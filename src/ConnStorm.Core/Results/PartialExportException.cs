namespace ConnStorm.Results;

/// <summary>An exporter wrote some of its files and failed on others: the written ones still count.</summary>
public sealed class PartialExportException : IOException
{
    public PartialExportException() : this("export failed", []) { }

    public PartialExportException(string message) : this(message, []) { }

    public PartialExportException(string message, Exception inner) : base(message, inner) => Files = [];

    public PartialExportException(string message, IReadOnlyList<string> files) : base(message) => Files = files;

    /// <summary>Full paths of the files that were written.</summary>
    public IReadOnlyList<string> Files { get; }
}
