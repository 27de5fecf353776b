namespace CodeContext.Packing.Planning;

/// <summary>
/// How faithfully a candidate is carried: the fidelity ladder, highest first (exact text, outline,
/// page images L1..L4, a line in the index, left out). The manifest calls it a file's "form".
/// </summary>
public enum Fidelity
{
    Text,
    Outline,
    L1,
    L2,
    L3,
    L4,
    Listed,
    Excluded,
}

/// <summary>Fidelity levels named as the manifest writes them (its "form" values).</summary>
public static class FidelityNames
{
    public static readonly Fidelity[] ImageForms = [Fidelity.L1, Fidelity.L2, Fidelity.L3, Fidelity.L4];

    public static string Name(Fidelity form) => form switch
    {
        Fidelity.Text => "text",
        Fidelity.Outline => "outline",
        Fidelity.Listed => "listed",
        Fidelity.Excluded => "excluded",
        _ => form.ToString(),
    };

    public static bool IsImage(Fidelity form) => form is Fidelity.L1 or Fidelity.L2 or Fidelity.L3 or Fidelity.L4;

    /// <summary>"L1".."L4" for image forms.</summary>
    public static string Level(Fidelity form) => IsImage(form) ? form.ToString() : throw new ArgumentOutOfRangeException(nameof(form), form, "not an image form");
}
