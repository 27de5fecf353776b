using System.Collections;

namespace CodeContext.Analyzers.Ranking;

/// <summary>
/// One ranked file's reasons, written the first time they are read. A ranking orders every file,
/// but a response carries the reasons of only some (the top of a rank request, the one file an
/// explain asks about), so a ranking does not pay for explaining the rest.
/// </summary>
internal sealed class LazyReasons(Func<IReadOnlyList<string>> write) : IReadOnlyList<string>
{
    private readonly Lazy<IReadOnlyList<string>> _reasons = new(write, LazyThreadSafetyMode.ExecutionAndPublication);

    public string this[int index] => _reasons.Value[index];

    public int Count => _reasons.Value.Count;

    public IEnumerator<string> GetEnumerator() => _reasons.Value.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
