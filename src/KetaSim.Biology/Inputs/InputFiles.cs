using System.Security.Cryptography;
using System.Text;
using KetaSim.Biology.Compounds;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KetaSim.Biology.Inputs;

/// <summary>A file a run read, as read: full path and SHA-256 of its bytes.</summary>
public sealed record InputFileRecord(string Path, string Sha256);

/// <summary>
/// Every user input file (scenario, trial, population, compound library) is read through here: only a regular
/// file of at most <see cref="MaxBytes"/> is read (a device, a FIFO or <c>/dev/zero</c> is refused before
/// reading), YAML nested deeper than <see cref="MaxYamlDepth"/> is refused before it is built into a tree, and
/// each read is recorded (path and content hash) for whoever opened a <see cref="Record"/> scope, so a run
/// can store what it read and a resume can refuse changed inputs.
/// </summary>
public static class InputFiles
{
    /// <summary>Largest input file read: 4 MiB (the largest shipped file is a few KB).</summary>
    public const long MaxBytes = 4L * 1024 * 1024;

    /// <summary>Deepest nesting of YAML mappings and lists accepted (the formats need fewer than 10).</summary>
    public const int MaxYamlDepth = 64;

    private static readonly AsyncLocal<List<InputFileRecord>?> Log = new();

    /// <summary>Starts recording the files read on this thread (and the tasks it starts) until disposed.</summary>
    public static Recording Record()
    {
        var list = new List<InputFileRecord>();
        var previous = Log.Value;
        Log.Value = list;
        return new Recording(list, previous);
    }

    public sealed class Recording : IDisposable
    {
        private readonly List<InputFileRecord> _list;
        private readonly List<InputFileRecord>? _previous;

        internal Recording(List<InputFileRecord> list, List<InputFileRecord>? previous)
        {
            _list = list;
            _previous = previous;
        }

        /// <summary>The files read so far, each once (by full path), in the order first read.</summary>
        public IReadOnlyList<InputFileRecord> Files
        {
            get
            {
                lock (_list) return _list.DistinctBy(f => f.Path, StringComparer.Ordinal).ToArray();
            }
        }

        public void Dispose() => Log.Value = _previous;
    }

    /// <summary>Reads a user file as UTF-8 text. A missing, unreadable, non-regular or too large file is a
    /// <see cref="ModelDataException"/> naming <paramref name="shown"/>.</summary>
    public static string ReadText(string path, string shown, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ModelDataException(shown, 0, "", null, $"not a usable file name; allowed: the path of {what}");
        }
        byte[] bytes;
        try
        {
            if (Directory.Exists(full))
                throw new ModelDataException(shown, 0, "", null, $"is a directory; allowed: the path of {what}");
            if (!File.Exists(full))
                throw new ModelDataException(shown, 0, "", null, $"file not found; allowed: the path of {what}");
            var real = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
            if (IsSpecial(real))
                throw new ModelDataException(shown, 0, "", null, $"is not a regular file (a device or kernel file); allowed: the path of {what}");
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            if (!stream.CanSeek)
                throw new ModelDataException(shown, 0, "", null, $"is not a regular file (a pipe, socket or device); allowed: the path of {what}");
            // Read at most one byte past the limit, whatever the file claims its length is.
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, MaxBytes + 1 - buffer.Length))) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > MaxBytes)
                    throw new ModelDataException(shown, 0, "", null, $"the file is larger than {MaxBytes / (1024 * 1024)} MiB; allowed: {what} of at most {MaxBytes / (1024 * 1024)} MiB");
            }
            bytes = buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelDataException(shown, 0, "", null, $"cannot read the file ({e.Message}); allowed: {what} that is readable");
        }
        if (Log.Value is { } log)
            lock (log) log.Add(new InputFileRecord(full, Convert.ToHexStringLower(SHA256.HashData(bytes))));
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new ModelDataException(shown, 0, "", null, $"the file is not UTF-8 text; allowed: {what} in UTF-8");
        }
    }

    private static bool IsSpecial(string full) =>
        !OperatingSystem.IsWindows() && (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal)
            || full.StartsWith("/sys/", StringComparison.Ordinal));

    /// <summary>Refuses YAML nested deeper than <see cref="MaxYamlDepth"/> (found with the event parser, which does
    /// not recurse, before any tree is built). Malformed YAML is left to the caller's parse, which reports it.</summary>
    public static void CheckYamlDepth(string text, string shown)
    {
        var parser = new Parser(new StringReader(text));
        int depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case MappingStart or SequenceStart:
                        if (++depth > MaxYamlDepth)
                            throw new ModelDataException(shown, (int)Math.Min(int.MaxValue, parser.Current.Start.Line), "", null,
                                $"the YAML is nested more than {MaxYamlDepth} levels deep; allowed: at most {MaxYamlDepth} levels of lists and mappings");
                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (YamlException) { }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException) { }
    }
}
