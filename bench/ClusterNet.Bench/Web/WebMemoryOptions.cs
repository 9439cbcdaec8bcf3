namespace ClusterNet.Bench.Web;

/// <summary>What `web-memory` measures: cluster size, open circuits, snapshots published, and which build and browser.</summary>
public sealed record WebMemoryOptions(string WebDll, int Pods = 10_000, int Circuits = 0, int Changes = 5, string ChromiumPath = "/usr/bin/chromium", string? GcDump = null)
{
    /// <summary>Options from bench arguments: --pods N, --circuits N, --changes N, --configuration Release|Debug, --gcdump FILE
    /// (dotnet-gcdump of the server after the visits, for finding where memory goes; needs `dotnet tool install -g dotnet-gcdump`),
    /// --dll PATH (another build of ClusterNet.Web.dll, e.g. a ReadyToRun publish as the Dockerfile makes).</summary>
    public static WebMemoryOptions Parse(string[] args)
    {
        var configuration = Value(args, "--configuration") ?? "Release";
        return new WebMemoryOptions(
            Value(args, "--dll") is { } dll ? File.Exists(dll) ? Path.GetFullPath(dll) : throw new ArgumentException($"--dll: no file {dll}") : WebServerProcess.WebDll(AppContext.BaseDirectory, configuration),
            Int(args, "--pods", 10_000),
            Int(args, "--circuits", 0),
            Int(args, "--changes", 5),
            GcDump: Value(args, "--gcdump"));
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Int(string[] args, string name, int fallback) =>
        Value(args, name) is { } v ? int.TryParse(v, out var n) && n >= 0 ? n : throw new ArgumentException($"{name} takes a whole number, not '{v}'") : fallback;
}
