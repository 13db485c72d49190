using CsvHelper;

namespace ConnStorm.Results.Csv;

/// <summary>
/// Doubles with at most 3 decimals and no trailing zeros ("12.5", "100"): µs resolution for
/// times in ms, ms resolution for seconds, and files a person can read.
/// </summary>
internal sealed class ThreeDecimalsConverter : ICsvConverter<double>
{
    public const string Format = "0.###";

    public double Read(CsvReader reader, int index) => reader.Parse<double>(index);

    public void Write(CsvWriter writer, double value) => writer.WriteField(value, Format);
}
