using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Configuration;

/// <summary>Start-up validation of <see cref="ClusterOptions"/>: each failure names the setting and the bad value.</summary>
public sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var errors = new List<string>();
        ClusterSourceSpec? spec = null;
        if (!string.IsNullOrWhiteSpace(options.Source))
        {
            if (!ClusterSourceSpec.TryParse(options.Source, out spec, out var error))
            {
                errors.Add(error!);
            }
            else if (spec!.Type == ClusterSourceType.File && !File.Exists(spec.Path) && !Directory.Exists(spec.Path))
            {
                errors.Add($"Cluster:Source file path '{spec.Path}' does not exist (full path {Path.GetFullPath(spec.Path!)})");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.Kubeconfig))
        {
            if (spec?.Type is not ClusterSourceType.Kubeconfig)
            {
                errors.Add($"Cluster:Kubeconfig is set but Cluster:Source is '{options.Source ?? "(auto)"}'; add --Cluster:Source=kubeconfig");
            }
            else if (!File.Exists(options.Kubeconfig))
            {
                errors.Add($"Cluster:Kubeconfig '{options.Kubeconfig}' does not exist");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.Context) && spec?.Type is not ClusterSourceType.Kubeconfig)
        {
            errors.Add($"Cluster:Context is set but Cluster:Source is '{options.Source ?? "(auto)"}'; add --Cluster:Source=kubeconfig");
        }

        if (options.CoalesceMilliseconds is < 0 or > 60_000)
        {
            errors.Add($"Cluster:CoalesceMilliseconds must be between 0 and 60000, got {options.CoalesceMilliseconds}");
        }

        if (!(options.DemoChangeIntervalSeconds > 0 && options.DemoChangeIntervalSeconds <= 3600))
        {
            errors.Add($"Cluster:DemoChangeIntervalSeconds must be > 0 and <= 3600, got {options.DemoChangeIntervalSeconds}");
        }

        if (options.UiBatchMilliseconds is < 0 or > 10_000)
        {
            errors.Add($"Cluster:UiBatchMilliseconds must be between 0 and 10000, got {options.UiBatchMilliseconds}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
