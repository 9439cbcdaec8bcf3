using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Tests.Configuration;

/// <summary>appsettings.Production.json as the host loads it: JSON console lines, our categories at Information, the framework's at Warning.</summary>
public sealed class ProductionLoggingTests
{
    [Fact]
    public void ProductionSettings_Load_JsonConsoleAndLevels()
    {
        var file = Path.Combine(RepoRoot(), "src", "ClusterNet.Web", "appsettings.Production.json");
        var config = new ConfigurationBuilder().AddJsonFile(file, optional: false).Build();
        using var services = new ServiceCollection()
            .AddLogging(b => b.AddConfiguration(config.GetSection("Logging")).AddConsole())
            .BuildServiceProvider();

        Assert.Equal(ConsoleFormatterNames.Json, services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        var loggers = services.GetRequiredService<ILoggerFactory>();
        Assert.True(loggers.CreateLogger("ClusterNet.Kubernetes.Live.ResourceReflector").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("ClusterNet.Web.Api").IsEnabled(LogLevel.Debug));
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Warning));
        Assert.False(loggers.CreateLogger("System.Net.Http.HttpClient").IsEnabled(LogLevel.Information));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Dashboard.sln not found");
    }
}
