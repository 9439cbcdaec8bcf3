// One browser-driven test at a time: on a 2-core CI machine parallel Chromium instances plus their apps starve the
// Blazor circuits (a dropped circuit reloads the page, which the live-update test rightly counts as a failure).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
