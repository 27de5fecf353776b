namespace CodeContext.Analyzers.Graph;

/// <summary>How one file uses a symbol declared in another.</summary>
public enum EdgeKind
{
    Inherits,
    Implements,
    Overrides,
    Calls,
    Creates,
    ReferencesType,
    ReadsMember,
    WritesMember,
    SamePartial,
    TestOf,

    /// <summary>A use through an interface or base member that reaches this file's implementation.</summary>
    Dispatches,
}

public static class EdgeKindText
{
    /// <summary>The verb used in reasons: "implements IOrderRepository".</summary>
    public static string Verb(this EdgeKind kind) => kind switch
    {
        EdgeKind.Inherits => "inherits",
        EdgeKind.Implements => "implements",
        EdgeKind.Overrides => "overrides",
        EdgeKind.Calls => "calls",
        EdgeKind.Creates => "creates",
        EdgeKind.ReferencesType => "uses type",
        EdgeKind.ReadsMember => "reads",
        EdgeKind.WritesMember => "writes",
        EdgeKind.SamePartial => "is another part of",
        EdgeKind.TestOf => "tests",
        EdgeKind.Dispatches => "reaches (through its interface)",
        _ => kind.ToString(),
    };
}
