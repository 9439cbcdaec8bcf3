using ClusterNet.Web;
using Microsoft.Extensions.Options;

try
{
    var app = ClusterNetWebApplication.Create(args);
    await app.RunAsync();
    return Environment.ExitCode;
}
catch (OptionsValidationException e)
{
    // Bad configuration: say what is wrong and how to fix it, without a stack trace.
    Console.Error.WriteLine("ClusterNet cannot start: invalid configuration");
    foreach (var failure in e.Failures)
    {
        Console.Error.WriteLine($"  - {failure}");
    }

    return 2;
}
catch (ClusterNet.Web.Sources.ClusterSourceException e)
{
    Console.Error.WriteLine($"ClusterNet cannot start: {e.Message}");
    return 2;
}

/// <summary>Entry point; also the anchor type for WebApplicationFactory in tests.</summary>
public partial class Program;
