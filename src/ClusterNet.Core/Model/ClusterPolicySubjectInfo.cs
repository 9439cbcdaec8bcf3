namespace ClusterNet.Core.Model;

/// <summary>
/// spec.subject: the pods the policy applies to. subject.namespaces sets only <see cref="NamespaceSelector"/>;
/// subject.pods sets both. Neither set (the API server rejects it) leaves <see cref="Valid"/> false and selects nothing.
/// </summary>
public sealed record ClusterPolicySubjectInfo
{
    public LabelSelector NamespaceSelector { get; init; } = LabelSelector.Everything;
    /// <summary>Null for subject.namespaces: every pod of the selected namespaces.</summary>
    public LabelSelector? PodSelector { get; init; }
    public bool Valid { get; init; }
}
