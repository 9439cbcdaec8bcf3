using System.Text;

namespace ClusterNet.Testing;

/// <summary>
/// Byte-for-byte comparison of an actual output with a checked-in golden file under the repository root.
/// With <c>UPDATE_GOLDEN=1</c> in the environment the file is (re)written instead and the comparison passes, so
/// accepting an intended change is: run the tests with the variable set, review <c>git diff</c>, commit.
/// Golden files are stored as UTF-8 without BOM; <c>.gitattributes</c> keeps git from touching their line endings.
/// </summary>
public static class GoldenFile
{
    public const string UpdateVariable = "UPDATE_GOLDEN";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The directory holding Dashboard.sln: golden files live in the source tree, not in bin/, so updates land in git.</summary>
    public static string RepositoryRoot => Root.Value;

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>An absolute path for a path relative to the repository root (forward slashes accepted).</summary>
    public static string PathOf(string relativePath) =>
        Path.GetFullPath(Path.Combine(RepositoryRoot, relativePath.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>Fails with the first differing line unless <paramref name="actual"/> equals the file's bytes.</summary>
    public static void AssertMatches(string relativePath, string actual)
    {
        var path = PathOf(relativePath);
        var actualBytes = Utf8.GetBytes(actual);
        var exists = File.Exists(path);
        var expectedBytes = exists ? File.ReadAllBytes(path) : null;
        if (expectedBytes is not null && expectedBytes.AsSpan().SequenceEqual(actualBytes))
        {
            return;
        }

        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, actualBytes);
            return;
        }

        if (expectedBytes is null)
        {
            Assert.Fail($"golden file {relativePath} does not exist; run the tests with {UpdateVariable}=1 to create it, then review and commit it");
        }

        Assert.Fail(Describe(relativePath, Utf8.GetString(expectedBytes), actual));
    }

    /// <summary>
    /// Golden files in <paramref name="relativeDirectory"/> (matching <paramref name="pattern"/>) that no test case
    /// wrote: a renamed or dropped case must not leave a file that silently pins nothing. Deleted under UPDATE_GOLDEN=1.
    /// </summary>
    public static void AssertNoOrphans(string relativeDirectory, IEnumerable<string> expectedRelativePaths, string pattern = "*.golden.*")
    {
        var directory = PathOf(relativeDirectory);
        var expected = expectedRelativePaths.Select(PathOf).ToHashSet(StringComparer.Ordinal);
        var orphans = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories).Where(f => !expected.Contains(Path.GetFullPath(f))).Order(StringComparer.Ordinal).ToList()
            : [];
        if (orphans.Count == 0)
        {
            return;
        }

        if (Updating)
        {
            orphans.ForEach(File.Delete);
            return;
        }

        Assert.Fail($"golden files without a test case (delete them, or run with {UpdateVariable}=1):\n  "
            + string.Join("\n  ", orphans.Select(o => Path.GetRelativePath(RepositoryRoot, o))));
    }

    /// <summary>Which line differs first, with a window around the first differing column (JSON bodies are one long line).</summary>
    public static string Describe(string name, string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = 0;
        while (line < e.Length && line < a.Length && e[line] == a[line])
        {
            line++;
        }

        var sb = new StringBuilder();
        sb.Append("golden file ").Append(name).Append(" differs");
        if (line >= e.Length || line >= a.Length)
        {
            sb.Append(" in length: expected ").Append(e.Length).Append(" line(s), got ").Append(a.Length).AppendLine();
            var extra = line < a.Length ? a[line] : e[line];
            sb.Append(line < a.Length ? "  unexpected line " : "  missing line ").Append(line + 1).Append(": ").AppendLine(Excerpt(extra, 0));
        }
        else
        {
            var el = e[line];
            var al = a[line];
            var column = 0;
            while (column < el.Length && column < al.Length && el[column] == al[column])
            {
                column++;
            }

            sb.Append(" at line ").Append(line + 1).Append(", column ").Append(column + 1).AppendLine(":");
            sb.Append("  expected: ").AppendLine(Excerpt(el, column));
            sb.Append("  actual:   ").AppendLine(Excerpt(al, column));
        }

        sb.Append("Run with ").Append(UpdateVariable).Append("=1 to accept the new output, then review git diff.");
        return sb.ToString();
    }

    private static string Excerpt(string line, int column)
    {
        const int Before = 60;
        const int After = 100;
        var start = Math.Max(0, column - Before);
        var end = Math.Min(line.Length, column + After);
        var text = line[start..end].Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
        // ¶ marks the end of the line so trailing whitespace differences are visible.
        return (start > 0 ? "…" : "") + text + (end < line.Length ? "…" : "¶");
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Dashboard.sln not found above the test assembly");
    }
}
