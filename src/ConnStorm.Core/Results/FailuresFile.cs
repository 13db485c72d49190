using ConnStorm.Results.Csv;

namespace ConnStorm.Results;

/// <summary>Reads failures.csv back into <see cref="FailureRecord"/>s; a cut-off last line (a run in progress) is skipped.</summary>
public static class FailuresFile
{
    public static IReadOnlyList<FailureRecord> Read(string path)
    {
        using var csv = CsvSetup.OpenTolerantReader(path);
        var records = new List<FailureRecord>();
        foreach (var row in csv.GetRecords<FailureRow>())
        {
            if (TryPhase(row.Phase) is { } phase)
            {
                records.Add(new FailureRecord(row.TMs, row.Seq, row.OpenAtFailure, row.Target, row.Source, phase, row.Errno));
            }
        }
        return records;
    }

    private static FailurePhase? TryPhase(string name)
    {
        try
        {
            return FailurePhaseNames.Parse(name);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
