using CodeContext.Core;

namespace CodeContext.VisionEncoder;

/// <summary>
/// The view models at hand, one per input size (a mode needs its global size, and Gundam also its
/// tile size). Paths may be .onnx files or folders of them.
/// </summary>
public sealed class EncoderModels : IDisposable
{
    private readonly Dictionary<int, OnnxViewModel> bySize;

    private EncoderModels(Dictionary<int, OnnxViewModel> bySize) => this.bySize = bySize;

    public IReadOnlyCollection<OnnxViewModel> Models => bySize.Values;

    /// <summary>"CUDA", "CPU", or both when some sessions fell back.</summary>
    public string Provider => string.Join("+", bySize.Values.Select(m => m.Provider).Distinct().Order(StringComparer.Ordinal));

    public static EncoderModels Load(IEnumerable<string> paths, ProviderChoice provider)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path)) files.AddRange(Directory.EnumerateFiles(path, "*.onnx").Order(StringComparer.Ordinal));
            else if (File.Exists(path)) files.Add(path);
            else throw new UserError($"model file not found: {path}");
        }
        if (files.Count == 0) throw new UserError("no .onnx model given (export one with tools/export-encoder)");
        var loaded = new Dictionary<int, OnnxViewModel>();
        try
        {
            foreach (var file in files)
            {
                var model = OnnxViewModel.Load(file, provider);
                if (!loaded.TryAdd(model.ImageSize, model))
                {
                    var other = loaded[model.ImageSize].Path;
                    model.Dispose();
                    throw new UserError($"two models for {model.ImageSize}x{model.ImageSize} views: {other} and {file}; give one");
                }
            }
        }
        catch
        {
            foreach (var model in loaded.Values) model.Dispose();
            throw;
        }
        return new EncoderModels(loaded);
    }

    /// <summary>The model for one view size of a mode; a clear error when it was not given.</summary>
    public OnnxViewModel For(DeepSeekOcrMode mode, int imageSize)
    {
        if (bySize.TryGetValue(imageSize, out var model)) return model;
        var have = bySize.Count == 0 ? "none" : string.Join(", ", bySize.Values.Select(m => $"{m.ImageSize} ({m.Path})"));
        throw new UserError($"mode {mode.Name} needs a model for {imageSize}x{imageSize} views; loaded: {have}");
    }

    public void Dispose()
    {
        foreach (var model in bySize.Values) model.Dispose();
    }
}
