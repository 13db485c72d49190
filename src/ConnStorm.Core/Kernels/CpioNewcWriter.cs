using System.Globalization;
using System.Text;

namespace ConnStorm.Kernels;

/// <summary>
/// Writes a cpio archive in the "newc" format (magic 070701), the one the kernel unpacks as an
/// initramfs. Our own writer rather than `find | cpio`: the archive's layout (where busybox, the
/// libraries and /init go) is then decided in C# from lists, not by staging a tree on disk.
/// </summary>
public sealed class CpioNewcWriter : IDisposable
{
    private const int HeaderLength = 110;
    private const int TypeDirectory = 0x4000;   // S_IFDIR
    private const int TypeRegular = 0x8000;     // S_IFREG
    private const int TypeSymlink = 0xA000;     // S_IFLNK
    private const int TypeCharDevice = 0x2000;  // S_IFCHR

    private readonly Stream _out;
    private readonly bool _leaveOpen;
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private readonly uint _mtime;
    private uint _nextInode = 1;
    private bool _finished;

    /// <param name="output">Where the archive goes (wrap it in a GZipStream for a compressed initramfs).</param>
    /// <param name="mtime">One timestamp for every entry, so the same inputs give the same bytes.</param>
    public CpioNewcWriter(Stream output, DateTimeOffset? mtime = null, bool leaveOpen = false)
    {
        _out = output;
        _leaveOpen = leaveOpen;
        _mtime = (uint)(mtime ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds();
    }

    /// <summary>A directory; its parents are added first when missing (the kernel does not invent them).</summary>
    public void AddDirectory(string path, int permissions = 0x1ED /* 0755 */)
    {
        string name = Normalise(path);
        if (name.Length == 0 || _written.Contains(name))
        {
            return;
        }
        AddParents(name);
        WriteEntry(name, TypeDirectory | permissions, nlink: 2, ReadOnlySpan<byte>.Empty);
    }

    public void AddFile(string path, ReadOnlySpan<byte> content, int permissions = 0x1A4 /* 0644 */)
    {
        string name = Normalise(path);
        AddParents(name);
        WriteEntry(name, TypeRegular | permissions, nlink: 1, content);
    }

    /// <summary>A file copied from disk in a streaming way (the published connstorm is ~100 MB).</summary>
    public void AddFileFrom(string path, string sourcePath, int permissions)
    {
        string name = Normalise(path);
        AddParents(name);
        using var source = File.OpenRead(sourcePath);
        WriteHeader(name, TypeRegular | permissions, nlink: 1, source.Length);
        source.CopyTo(_out);
        Pad(source.Length);
    }

    public void AddSymlink(string path, string target)
    {
        string name = Normalise(path);
        AddParents(name);
        WriteEntry(name, TypeSymlink | 0x1FF /* 0777 */, nlink: 1, Encoding.UTF8.GetBytes(target));
    }

    /// <summary>A character device node such as /dev/console (5, 1).</summary>
    public void AddCharDevice(string path, int major, int minor, int permissions = 0x180 /* 0600 */)
    {
        string name = Normalise(path);
        AddParents(name);
        if (_finished)
        {
            throw new InvalidOperationException("the cpio archive is already finished");
        }
        if (!_written.Add(name))
        {
            throw new InvalidOperationException($"the cpio archive already holds {name}");
        }
        WriteHeaderRaw(name, TypeCharDevice | permissions, nlink: 1, length: 0, _nextInode++, major, minor);
    }

    /// <summary>Writes the TRAILER!!! entry that ends the archive. Dispose calls it too.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }
        _finished = true;
        WriteHeaderRaw("TRAILER!!!", mode: 0, nlink: 1, length: 0, inode: 0);
        _out.Flush();
    }

    public void Dispose()
    {
        Finish();
        if (!_leaveOpen)
        {
            _out.Dispose();
        }
    }

    private void AddParents(string name)
    {
        int slash = name.LastIndexOf('/');
        if (slash > 0)
        {
            AddDirectory(name[..slash]);
        }
    }

    private void WriteEntry(string name, int mode, int nlink, ReadOnlySpan<byte> content)
    {
        WriteHeader(name, mode, nlink, content.Length);
        _out.Write(content);
        Pad(content.Length);
    }

    private void WriteHeader(string name, int mode, int nlink, long length)
    {
        if (_finished)
        {
            throw new InvalidOperationException("the cpio archive is already finished");
        }
        if (!_written.Add(name))
        {
            throw new InvalidOperationException($"the cpio archive already holds {name}");
        }
        // newc sizes are 8 hex digits: 4 GiB per file is the format's own limit.
        if (length > uint.MaxValue)
        {
            throw new InvalidOperationException($"{name} is larger than a cpio newc entry can hold");
        }
        WriteHeaderRaw(name, mode, nlink, length, _nextInode++);
    }

    private void WriteHeaderRaw(string name, int mode, int nlink, long length, uint inode, int rdevMajor = 0, int rdevMinor = 0)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        var header = new StringBuilder(HeaderLength);
        header.Append("070701");
        foreach (long field in new long[]
        {
            inode, mode, 0 /* uid */, 0 /* gid */, nlink, _mtime, length,
            0, 0 /* dev major, minor */, rdevMajor, rdevMinor, nameBytes.Length + 1, 0 /* check */,
        })
        {
            header.Append(((uint)field).ToString("x8", CultureInfo.InvariantCulture));
        }
        _out.Write(Encoding.ASCII.GetBytes(header.ToString()));
        _out.Write(nameBytes);
        _out.WriteByte(0);
        // The name (after the 110-byte header) and the data each end on a 4-byte boundary.
        Pad(HeaderLength + nameBytes.Length + 1);
    }

    private void Pad(long written)
    {
        int pad = (int)((4 - (written % 4)) % 4);
        for (int i = 0; i < pad; i++)
        {
            _out.WriteByte(0);
        }
    }

    /// <summary>Archive names are relative ("bin/sh"), as `find . | cpio` writes them without the "./".</summary>
    private static string Normalise(string path)
    {
        string name = path.Replace('\\', '/').TrimStart('/');
        while (name.StartsWith("./", StringComparison.Ordinal))
        {
            name = name[2..];
        }
        return name.TrimEnd('/');
    }
}
