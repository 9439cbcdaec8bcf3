using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Web.Api.Policy;

/// <summary>Turns what-if text (YAML of NetworkPolicies, keys to delete) into edits, with line-numbered errors. Shared by the page and the API.</summary>
public static class PolicyWhatIfInput
{
    public const string FileName = "what-if.yaml";

    public static (List<PolicyEdit> Edits, List<WhatIfErrorDto> Errors) Parse(string? yaml, IEnumerable<string>? delete)
    {
        var edits = new List<PolicyEdit>();
        var errors = new List<WhatIfErrorDto>();
        if (!string.IsNullOrWhiteSpace(yaml))
        {
            var loaded = ManifestLoader.LoadText(yaml, FileName);
            foreach (var d in loaded.Diagnostics.Where(d => d.Severity == "error"))
            {
                errors.Add(new WhatIfErrorDto(d.Message, d.Line, d.Column, d.Document, d.Field));
            }

            var others = loaded.Objects.Where(o => o is not NetworkPolicyInfo).Select(o => o.Key.ToString()).ToList();
            if (others.Count > 0)
            {
                errors.Add(new WhatIfErrorDto($"only NetworkPolicies can be edited here; found other objects: {string.Join(", ", others)}"));
            }

            edits.AddRange(loaded.Objects.OfType<NetworkPolicyInfo>().Select(PolicyEdit.Upsert));
        }

        foreach (var key in delete ?? [])
        {
            var k = ObjectKey.Parse(key);
            if (k.Namespace.Length == 0 || k.Name.Length == 0)
            {
                errors.Add(new WhatIfErrorDto($"delete '{key}': expected NAMESPACE/NAME"));
                continue;
            }

            edits.Add(PolicyEdit.Delete(k));
        }

        return (edits, errors);
    }
}
