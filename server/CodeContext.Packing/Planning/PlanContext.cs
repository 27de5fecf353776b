using CodeContext.Rendering.Profiles;

namespace CodeContext.Packing.Planning;

/// <summary>
/// What every planning step of one compose works with and none of them changes: the profile, its
/// token counter, the planner's settings, the session's layout memo, and where steps are traced.
/// </summary>
internal sealed record PlanContext(ModelProfile Profile, CachedTokenCounter Tokenizer, PlannerSettings Settings, LevelLayoutMemo Memo, ComposeTrace Trace);

/// <summary>
/// The fixed end of the prompt that the rest is planned around: the active segment (one file's
/// window, or summarize's map and changed files), the question, and the hard budget.
/// </summary>
/// <param name="Key">What the active part is (its path or the set's title), for the plan's fingerprint.</param>
internal sealed record ActivePart(TextSegment Segment, string Instruction, int Budget, string Key);
