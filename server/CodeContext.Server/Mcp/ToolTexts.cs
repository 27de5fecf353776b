namespace CodeContext.Server.Mcp;

/// <summary>What a model reads about the server and its tools: when to call each, and what comes back.</summary>
internal static class ToolTexts
{
    public const string Instructions =
        "CodeContext knows this C# codebase's symbol graph. Before working on a file, call get_context with it instead of grepping and reading whole files: " +
        "you get the most relevant other files within a token budget, the near ones as exact text and the rest as page images of their code. " +
        "Any imaged lines can be read back exactly with read_region. Paths are relative to the codebase root.";

    public const string FileArgument =
        "The file you are working on: a path relative to the codebase root (e.g. src/Orders/OrderService.cs), an absolute path or a file URI. Must be a C# file of the loaded codebase.";

    public const string GetContext =
        "Context for working on one C# file: the rest of the codebase ranked by relevance to it (symbols it uses and that use it, shared identifiers, files changed together in git) " +
        "and packed under a token budget. Call it when you start on a file or when the task moves to another file; call it again after edits, it reflects files changed on disk. " +
        "Returns, in reading order: a header with the token totals and every file's form; then the least relevant files as page images (PNG pictures of their source code: " +
        "L1 is sharpest, L4 densest), each after a caption listing the files and line ranges on it; then closer files as exact text; then the file itself as exact text, last. " +
        "Numbers in the header: tokens used of the budget, counted the way the profile's model counts them (text tokens plus each page's vision tokens; they never exceed the budget), " +
        "and the compression: how many tokens the carried source would cost as plain text per token spent. To read any imaged code exactly, call read_region with a path and lines from a caption. " +
        "structuredContent holds the full manifest (segments, per-file relevance, form and why).";

    public const string ReadRegion =
        "The exact current text of lines startLine..endLine (1-based, inclusive) of a C# file of the codebase. " +
        "Use it to read code shown on a get_context page image exactly, or any part of a file you need verbatim; secret-looking values are masked. " +
        "Only context files under the codebase root are served.";

    public const string RankFiles =
        "The other files of the codebase ranked by relevance to a C# file, most relevant first, each with its score and the reasons " +
        "(e.g. 'declares Order.Create, called by OrderService.PlaceOrderAsync (line 69)'). The score fuses the symbol graph (personalised PageRank), shared identifiers " +
        "and files changed together in git; compare scores with each other, their absolute value means nothing. Call it to decide what to read next or to see what " +
        "depends on a file; it returns no code (get_context does).";

    public const string ExplainFile =
        "Why one file (target) ranks where it does for the file you work on: its place, score and reasons, and the form get_context gives it at the server's default budget " +
        "(exact text, outline, a page image level, listed or left out) with the planner's reason. Call it when a file you expected is missing from get_context or only on a page.";

    public const string Status =
        "The server's state: loading, ready or failed, the codebase root, how many files and symbol edges it holds, projects loaded degraded (syntax only) and why, " +
        "and the default budget and profile. Answers at once, even while loading.";
}
