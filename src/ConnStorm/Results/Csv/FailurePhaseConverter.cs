using CsvHelper;

namespace ConnStorm.Results.Csv;

/// <summary>Phases as their lowercase contract names ("connect", "reset"), not the enum member names.</summary>
internal sealed class FailurePhaseConverter : ICsvConverter<FailurePhase>
{
    public FailurePhase Read(CsvReader reader, int index) => FailurePhaseNames.Parse(reader.GetString(index));

    public void Write(CsvWriter writer, FailurePhase value) => writer.WriteField(value.ToName());
}
