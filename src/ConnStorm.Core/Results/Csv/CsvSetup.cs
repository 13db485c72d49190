using System.Globalization;
using CsvHelper;

namespace ConnStorm.Results.Csv;

/// <summary>
/// The one CsvHelper setup every results file shares: comma separated, LF line ends, invariant
/// culture, booleans as "true"/"false", null as an empty field. Column names and number formats
/// live on the record types (attributes), so the files cannot drift from their readers.
/// </summary>
internal static class CsvSetup
{
    public static CsvWriterOptions WriterOptions { get; } = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        TrueValue = "true",
        FalseValue = "false",
        // The files are data for scripts, not spreadsheets: a formula guard would change values.
        Injection = CsvInjection.None,
    };

    public static CsvReaderOptions ReaderOptions { get; } = CsvReaderOptions.Default with
    {
        // Never guess: a file with one column would otherwise be sniffed.
        Separator = ',',
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Opens a writer that others may read while it writes (a run in progress can be inspected).</summary>
    public static CsvWriter OpenWriter(string path)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        return CsvWriter.Create(stream, WriterOptions, leaveOpen: false);
    }

    public static CsvReader OpenReader(string path) => OpenReader(path, ReaderOptions);

    /// <summary>
    /// A reader that skips records it cannot map instead of throwing: a run still writing a file
    /// leaves a cut-off last line, and a plot of the rest is better than none.
    /// </summary>
    public static CsvReader OpenTolerantReader(string path) => OpenReader(path, ReaderOptions with { OnRecordError = _ => true });

    private static CsvReader OpenReader(string path, CsvReaderOptions options)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return CsvReader.Create(stream, options, leaveOpen: false);
    }
}
