namespace ClusterNet.Web.Shell;

/// <summary>"2 s ago", "3 min ago", "1 h 5 min ago": short enough for the top bar.</summary>
public static class RelativeTimeFormat
{
    public static string Ago(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }

        return elapsed.TotalSeconds switch
        {
            < 60 => $"{(int)elapsed.TotalSeconds} s ago",
            < 3600 => $"{(int)elapsed.TotalMinutes} min ago",
            < 86400 => elapsed.Minutes == 0 ? $"{(int)elapsed.TotalHours} h ago" : $"{(int)elapsed.TotalHours} h {elapsed.Minutes} min ago",
            _ => $"{(int)elapsed.TotalDays} d ago",
        };
    }
}
