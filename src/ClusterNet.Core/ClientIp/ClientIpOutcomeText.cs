namespace ClusterNet.Core.ClientIp;

/// <summary>How good an outcome is for the app, worst last: drives the verdict banner and the outcome badge.</summary>
public enum ClientIpTone
{
    /// <summary>The socket shows the client.</summary>
    Success,
    /// <summary>The client is in a header the app can trust.</summary>
    Info,
    /// <summary>Lost, or in a header a client can forge.</summary>
    Warning,
    /// <summary>Requests fail.</summary>
    Error,
    /// <summary>Not applicable or unknown.</summary>
    Neutral,
}

/// <summary>The short words for an outcome (the table's "Client IP preserved?" column) and its tone.</summary>
public static class ClientIpOutcomeText
{
    /// <summary>An in-header outcome whose verdict says a client can choose the address ("Forgeable: ...").</summary>
    public static bool Forgeable(string? verdict) => verdict?.StartsWith("Forgeable", StringComparison.Ordinal) == true;

    public static ClientIpTone Tone(ClientIpOutcome outcome, string? verdict) => outcome switch
    {
        ClientIpOutcome.Preserved => ClientIpTone.Success,
        ClientIpOutcome.PreservedInHeader => Forgeable(verdict) ? ClientIpTone.Warning : ClientIpTone.Info,
        ClientIpOutcome.Lost => ClientIpTone.Warning,
        ClientIpOutcome.Broken => ClientIpTone.Error,
        _ => ClientIpTone.Neutral,
    };

    public static string Short(ClientIpOutcome outcome, string? verdict) => outcome switch
    {
        ClientIpOutcome.Preserved => "yes: socket address",
        ClientIpOutcome.PreservedInHeader => Forgeable(verdict) ? "in a header, forgeable" : "yes: in a header",
        ClientIpOutcome.Lost => "no: lost",
        ClientIpOutcome.Broken => "broken",
        ClientIpOutcome.NotApplicable => "n/a",
        _ => "unknown",
    };
}
