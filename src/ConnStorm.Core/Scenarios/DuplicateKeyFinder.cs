using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ConnStorm.Scenarios;

/// <summary>
/// YamlDotNet reports a duplicate key with its position but not its path; this replays the
/// parse events to name the full dotted key (e.g. "load.connections") in the error.
/// </summary>
internal static class DuplicateKeyFinder
{
    public static string? PathAt(string yaml, Mark at)
    {
        var frames = new List<Frame>();
        try
        {
            var parser = new Parser(new StringReader(yaml));
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case Scalar s:
                        if (frames.Count > 0 && frames[^1].ExpectKey)
                        {
                            if (s.Start.Line == at.Line && s.Start.Column == at.Column)
                            {
                                return PathOf(frames, s.Value);
                            }
                            frames[^1].Key = s.Value;
                            frames[^1].ExpectKey = false;
                        }
                        else
                        {
                            ValueDone(frames);
                        }
                        break;
                    case AnchorAlias:
                        ValueDone(frames);
                        break;
                    case MappingStart:
                        frames.Add(new Frame { IsMapping = true, ExpectKey = true });
                        break;
                    case SequenceStart:
                        frames.Add(new Frame { IsMapping = false });
                        break;
                    case MappingEnd or SequenceEnd:
                        frames.RemoveAt(frames.Count - 1);
                        ValueDone(frames);
                        break;
                }
            }
        }
        catch (YamlException)
        {
            // A syntax error before the duplicate: the caller still has the position.
        }
        return null;
    }

    private static string PathOf(List<Frame> frames, string last)
    {
        var path = new System.Text.StringBuilder();
        foreach (var f in frames)
        {
            if (!f.IsMapping)
            {
                path.Append('[').Append(f.Index).Append(']');
            }
            else if (f.Key is not null)
            {
                path.Append(path.Length > 0 ? "." : "").Append(f.Key);
            }
        }
        return path.Append(path.Length > 0 ? "." : "").Append(last).ToString();
    }

    private static void ValueDone(List<Frame> frames)
    {
        if (frames.Count == 0)
        {
            return;
        }
        var top = frames[^1];
        if (top.IsMapping)
        {
            top.ExpectKey = true;
            top.Key = null;
        }
        else
        {
            top.Index++;
        }
    }

    private sealed class Frame
    {
        public bool IsMapping { get; init; }
        public bool ExpectKey { get; set; }
        public string? Key { get; set; }
        public int Index { get; set; }
    }
}
