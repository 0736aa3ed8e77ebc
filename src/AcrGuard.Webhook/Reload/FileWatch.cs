using System.Security.Cryptography;

namespace AcrGuard.Webhook.Reload;

/// <summary>
/// Calls back when the content of a set of files changes. A Kubernetes volume (ConfigMap,
/// Secret) changes by swapping a <c>..data</c> symlink in the directory, so the directory is
/// watched, not the files; a poll backs the watcher up, as controller-runtime's certwatcher does,
/// because inotify misses changes on some volumes. Content hashes keep a touch from reloading.
/// </summary>
public sealed class FileWatch : IDisposable
{
    private readonly string[] paths;
    private readonly Action changed;
    private readonly List<FileSystemWatcher> watchers = [];
    private readonly Timer poll;
    private readonly Lock gate = new();
    private byte[] fingerprint;

    public FileWatch(IReadOnlyList<string> paths, TimeSpan interval, Action changed)
    {
        this.paths = [.. paths.Select(Path.GetFullPath)];
        this.changed = changed;
        fingerprint = Fingerprint();
        foreach (var directory in this.paths.Select(Path.GetDirectoryName).Distinct())
        {
            if (directory is null || !Directory.Exists(directory))
            {
                continue;
            }

            var watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = false };
            watcher.Changed += (_, _) => Check();
            watcher.Created += (_, _) => Check();
            watcher.Renamed += (_, _) => Check();
            watcher.Deleted += (_, _) => Check();
            watcher.EnableRaisingEvents = true;
            watchers.Add(watcher);
        }

        poll = new Timer(_ => Check(), null, interval, interval);
    }

    /// <summary>Compares the files with what was last seen and calls back once if they differ.</summary>
    public void Check()
    {
        lock (gate)
        {
            var now = Fingerprint();
            if (now.AsSpan().SequenceEqual(fingerprint))
            {
                return;
            }

            fingerprint = now;
        }

        changed();
    }

    public void Dispose()
    {
        poll.Dispose();
        foreach (var watcher in watchers)
        {
            watcher.Dispose();
        }
    }

    private byte[] Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in paths)
        {
            try
            {
                hash.AppendData(File.ReadAllBytes(path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Mid-swap a file can be missing for a moment: its absence is a state like any other.
                hash.AppendData([0]);
            }

            hash.AppendData([0xff]);
        }

        return hash.GetHashAndReset();
    }
}
