using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Packing;

/// <summary>The composed context: the manifest, the page images and the prompt in delivery-ready parts.</summary>
public sealed class ContextPackage
{
    internal ContextPackage(Manifest manifest, IReadOnlyList<KeyValuePair<string, byte[]>> pages, IReadOnlyList<PromptPart> parts, ModelProfile profile, string instruction, IReadOnlyList<SourceFragment> renderedSources)
    {
        RenderedSources = renderedSources;
        Manifest = manifest;
        PageList = pages;
        Parts = parts;
        Profile = profile;
        Instruction = instruction;
    }

    public Manifest Manifest { get; }

    /// <summary>Page file name (as in the manifest, e.g. "pages/page-001.png") -> PNG bytes, prompt order.</summary>
    public IReadOnlyDictionary<string, byte[]> Pages => PageList.ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Pages in prompt order; <see cref="ImagePart.Page"/> indexes this list.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> PageList { get; }

    /// <summary>The whole prompt: text runs and images in order, wrapper included.</summary>
    public IReadOnlyList<PromptPart> Parts { get; }

    public ModelProfile Profile { get; }

    /// <summary>Exactly the (masked) source the renderer drew on the pages, level by level in prompt order.</summary>
    public IReadOnlyList<SourceFragment> RenderedSources { get; }

    /// <summary>The question (or empty) the prompt ends with.</summary>
    public string Instruction { get; }
}
