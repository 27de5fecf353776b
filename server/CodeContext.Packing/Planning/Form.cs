namespace CodeContext.Packing.Planning;

/// <summary>The fidelity ladder, highest first.</summary>
public enum Form
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

/// <summary>Form names as the manifest writes them.</summary>
public static class FormNames
{
    public static readonly Form[] ImageForms = [Form.L1, Form.L2, Form.L3, Form.L4];

    public static string Name(Form form) => form switch
    {
        Form.Text => "text",
        Form.Outline => "outline",
        Form.Listed => "listed",
        Form.Excluded => "excluded",
        _ => form.ToString(),
    };

    public static bool IsImage(Form form) => form is Form.L1 or Form.L2 or Form.L3 or Form.L4;

    /// <summary>"L1".."L4" for image forms.</summary>
    public static string Level(Form form) => IsImage(form) ? form.ToString() : throw new ArgumentOutOfRangeException(nameof(form), form, "not an image form");
}
