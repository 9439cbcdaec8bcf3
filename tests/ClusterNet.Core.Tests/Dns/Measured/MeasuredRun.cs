namespace ClusterNet.Core.Tests.Dns.Measured;

/// <summary>What a real C library did for one scenario: the queries the responder logged, getaddrinfo's result, the wall time.</summary>
public sealed record MeasuredRun(IReadOnlyList<MeasuredQuery> Queries, string Error, IReadOnlyList<string> Addresses, double ElapsedSeconds);
