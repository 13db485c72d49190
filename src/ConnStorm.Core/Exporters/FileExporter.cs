using ConnStorm.Results;

namespace ConnStorm.Exporters;

/// <summary>
/// The base of every exporter that writes text files: it names them (from <see cref="ResultFiles"/>,
/// relative to the results folder) and writes them, so an exporter only says what they hold.
/// </summary>
public abstract class FileExporter : IExporter
{
    public abstract string Name { get; }

    public IReadOnlyList<string> Export(ResultsModel results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var written = new List<string>();
        foreach (var (relative, text) in Files(results))
        {
            var path = results.PathOf(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Write then rename: a reader (or a second export) never sees half a file.
            File.WriteAllText(path + ".tmp", text);
            File.Move(path + ".tmp", path, overwrite: true);
            written.Add(path);
        }
        return written;
    }

    /// <summary>The files to write: a path relative to the folder ("summary.md", "runs/001-x/summary.md") and the text.</summary>
    protected abstract IEnumerable<(string Relative, string Text)> Files(ResultsModel results);
}
