using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Bunit;

namespace ClusterNet.Web.Tests.Infrastructure;

/// <summary>Process-wide bUnit settings for this test assembly.</summary>
internal static class BunitDefaults
{
    /// <summary>
    /// WaitFor* default to 1 s. CI runs every test project on a loaded 2-core machine with test classes in parallel,
    /// where the renderer's dispatcher can take longer than that just to get to the check ("the wait condition was never
    /// checked"). A longer wait changes nothing for a passing test and still fails a wrong one.
    /// </summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test assembly: the setting must hold before any test class runs.")]
    internal static void Initialize() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
}
