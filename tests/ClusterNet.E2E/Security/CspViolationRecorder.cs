using Microsoft.Playwright;

namespace ClusterNet.E2E.Security;

/// <summary>
/// Collects Content-Security-Policy violations of a page two ways: the browser's securitypolicyviolation events (an
/// init script records them before any page script runs) and console messages about the policy.
/// </summary>
public sealed class CspViolationRecorder
{
    private const string InitScript = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
          window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`));
        """;

    private readonly List<string> _console = [];
    private readonly IPage _page;

    private CspViolationRecorder(IPage page)
    {
        _page = page;
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                lock (_console)
                {
                    _console.Add(message.Text);
                }
            }
        };
    }

    public static async Task<CspViolationRecorder> AttachAsync(IPage page)
    {
        await page.AddInitScriptAsync(InitScript);
        return new CspViolationRecorder(page);
    }

    public async Task<IReadOnlyList<string>> ViolationsAsync()
    {
        var events = await _page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []");
        lock (_console)
        {
            return [.. events, .. _console];
        }
    }
}
