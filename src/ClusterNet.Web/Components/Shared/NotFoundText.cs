namespace ClusterNet.Web.Components.Shared;

/// <summary>The words of the app's 404 page, shared by the server's first answer and the live page.</summary>
public static class NotFoundText
{
    public const string Title = "There is no such page";

    public const string Hint = "Pick a view in the navigation, or search for a pod, service, node or IP with /.";
}
