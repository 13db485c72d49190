namespace ConnStorm.Cluster;

/// <summary>New complete lines of a CSV that another part of this process appends to (the run's recorder flushes every 250 ms).</summary>
internal sealed class FileTail(string path)
{
    private long _offset;
    private bool _header = true;

    public List<string> ReadNew(int max = 200)
    {
        var lines = new List<string>();
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (f.Length <= _offset)
            {
                return lines;
            }
            f.Seek(_offset, SeekOrigin.Begin);
            var buffer = new byte[Math.Min(f.Length - _offset, 1 << 20)];
            int n = f.Read(buffer, 0, buffer.Length);
            int lastNewline = Array.LastIndexOf(buffer, (byte)'\n', n - 1);
            if (lastNewline < 0)
            {
                return lines;
            }
            _offset += lastNewline + 1;
            foreach (var line in System.Text.Encoding.UTF8.GetString(buffer, 0, lastNewline).Split('\n'))
            {
                if (_header)
                {
                    _header = false;
                    continue;
                }
                lines.Add(line);
            }
        }
        catch (IOException)
        {
            // Not there yet.
        }
        // Only the latest ones: a sample is for live progress, the files themselves come at the end.
        return lines.Count > max ? lines[^max..] : lines;
    }
}
