using CodeContext.Analyzers.Loading;
using CodeContext.Core;
using CodeContext.Packing.Planning;

namespace CodeContext.Packing;

/// <summary>One compose in progress: the workspace and request it is for, where it keeps what it learns, and its plan context.</summary>
internal sealed record ComposeRun(LoadedWorkspace Workspace, ComposeRequest Request, CacheDirectory? Cache, ComposeSession Session, PlanContext Plan);
