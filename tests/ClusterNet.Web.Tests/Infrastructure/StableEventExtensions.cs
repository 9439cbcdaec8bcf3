using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace ClusterNet.Web.Tests.Infrastructure;

/// <summary>
/// Event helpers that find the element and raise the event in one step on the renderer's dispatcher, and wait until the
/// handler (and the render it causes) has finished.
/// <para>
/// Why not <c>cut.Find(x).Click()</c>: bUnit's <c>Click()</c> queues the event on the dispatcher and discards the task. When
/// the dispatcher is busy (a page's snapshot subscription or a MudBlazor after-render continuation runs there on a pool
/// thread), the event is only queued and the test's next assertion runs before the handler; and a render that slips in
/// between Find and Click replaces the element's event handler ids, so the click hits a stale id. On a loaded CI machine
/// both happen. Holding the dispatcher from Find to dispatch and awaiting the dispatch removes both races.
/// </para>
/// </summary>
public static class StableEventExtensions
{
    /// <summary>Finds the element on the dispatcher, clicks it there, and waits for the handler and its render.</summary>
    public static Task ClickWhenStableAsync<TComponent>(this IRenderedComponent<TComponent> cut, Func<IElement> find)
        where TComponent : IComponent =>
        cut.InvokeAsync(() => find().ClickAsync(new MouseEventArgs { Detail = 1 }));

    /// <inheritdoc cref="ClickWhenStableAsync{TComponent}(IRenderedComponent{TComponent}, Func{IElement})"/>
    public static Task ClickWhenStableAsync<TComponent>(this IRenderedComponent<TComponent> cut, string selector)
        where TComponent : IComponent =>
        cut.ClickWhenStableAsync(() => cut.Find(selector));

    /// <summary>Synchronous form for [Fact] void tests: blocks until the click's handler and render have finished.</summary>
    public static void ClickWhenStable<TComponent>(this IRenderedComponent<TComponent> cut, Func<IElement> find)
        where TComponent : IComponent =>
        cut.ClickWhenStableAsync(find).GetAwaiter().GetResult();

    /// <inheritdoc cref="ClickWhenStable{TComponent}(IRenderedComponent{TComponent}, Func{IElement})"/>
    public static void ClickWhenStable<TComponent>(this IRenderedComponent<TComponent> cut, string selector)
        where TComponent : IComponent =>
        cut.ClickWhenStableAsync(selector).GetAwaiter().GetResult();

    /// <summary>Raises <c>onchange</c> with <paramref name="value"/> like <see cref="ClickWhenStable{TComponent}(IRenderedComponent{TComponent}, string)"/>.</summary>
    public static void ChangeWhenStable<TComponent>(this IRenderedComponent<TComponent> cut, string selector, string value)
        where TComponent : IComponent =>
        cut.InvokeAsync(() => cut.Find(selector).ChangeAsync(new ChangeEventArgs { Value = value })).GetAwaiter().GetResult();

    /// <summary>Raises <c>oninput</c> with <paramref name="value"/> like <see cref="ClickWhenStable{TComponent}(IRenderedComponent{TComponent}, string)"/>.</summary>
    public static void InputWhenStable<TComponent>(this IRenderedComponent<TComponent> cut, string selector, string value)
        where TComponent : IComponent =>
        cut.InvokeAsync(() => cut.Find(selector).InputAsync(new ChangeEventArgs { Value = value })).GetAwaiter().GetResult();
}
