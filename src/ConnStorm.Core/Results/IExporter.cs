namespace ConnStorm.Results;

/// <summary>
/// One output of a results folder (summary.md, report.html, the plots), produced from the model
/// alone. Exporters run in order; an exporter may read what an earlier one wrote (report.html
/// inlines the plots' SVG files).
/// </summary>
public interface IExporter
{
    /// <summary>A short name for messages: "plots", "summary", "report".</summary>
    string Name { get; }

    /// <summary>Writes this exporter's files into <see cref="ResultsModel.Dir"/> and returns their full paths; empty when the folder holds nothing for it.</summary>
    IReadOnlyList<string> Export(ResultsModel results);
}
