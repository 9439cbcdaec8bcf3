using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Metrics;

/// <summary>Refuses a metrics path that could shadow a page, and ports outside TCP's range, at start-up.</summary>
public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.Path) || options.Path[0] != '/' || options.Path.Length == 1 || options.Path.Contains('?', StringComparison.Ordinal))
        {
            failures.Add($"Metrics:Path must be a path like /metrics (got '{options.Path}').");
        }

        if (options.Port is { } port && port is < 1 or > 65535)
        {
            failures.Add($"Metrics:Port must be a TCP port 1-65535 (got {port}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
