using System.Globalization;
using System.Security.Cryptography;
using CodeContext.Core;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace CodeContext.VisionEncoder;

/// <summary>
/// Tuning knobs for a session: extra CUDA provider options, ONNX Runtime's profiler, a batch size fixed
/// at load (static shapes: ONNX Runtime folds the shape arithmetic away, which CUDA graphs need), and a
/// path where ONNX Runtime writes the graph it optimised for the chosen provider.
/// </summary>
public sealed record OnnxSessionSettings(
    IReadOnlyDictionary<string, string>? CudaOptions = null,
    string? ProfilePrefix = null,
    int? FixedBatch = null,
    string? OptimizedModelPath = null);

/// <summary>
/// One exported DeepEncoder view model (tools/export-encoder): pixel_values [B, 3, S, S] float32 ->
/// embeddings [B, T, D] float32, where T = q(q+1)+1 for S. Checked on load against the metadata the
/// exporter writes, so a wrong or foreign file fails with a message instead of wrong numbers.
/// </summary>
public sealed class OnnxViewModel : IDisposable
{
    public const string InputName = "pixel_values";
    public const string OutputName = "embeddings";
    public const string EncoderFamily = "deepseek-ocr-v1";

    /// <summary>The symbolic batch dimension tools/export-encoder gives both inputs and outputs.</summary>
    public const string BatchDimension = "batch";

    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private readonly Lazy<string> hash;
    private readonly PinnedStaging? pinned;

    private OnnxViewModel(string path, InferenceSession session, string provider, string? fallbackReason)
    {
        Path = path;
        this.session = session;
        Provider = provider;
        FallbackReason = fallbackReason;
        var metadata = session.ModelMetadata.CustomMetadataMap;
        var family = metadata.GetValueOrDefault("codecontext.encoder");
        if (family != EncoderFamily)
            throw new UserError($"{path}: encoder '{family ?? "(none)"}' is not {EncoderFamily}; export it with tools/export-encoder");
        ImageSize = ReadInt(metadata, "codecontext.image_size");
        Tokens = ReadInt(metadata, "codecontext.tokens");
        OutputDim = ReadInt(metadata, "codecontext.output_dim");
        Weights = metadata.GetValueOrDefault("codecontext.weights", "unknown");
        DataType = metadata.GetValueOrDefault("codecontext.dtype", "unknown");
        hash = new Lazy<string>(() => HashFiles(path));
        CheckSignature();
        if (provider == "CUDA") pinned = PinnedStaging.TryCreate(CreateAllocator, ViewLength, (long)Tokens * OutputDim);
    }

    public string Path { get; }

    /// <summary>"CUDA" or "CPU": the provider this session runs on.</summary>
    public string Provider { get; }

    /// <summary>Why CUDA was not used, when it was asked for (Auto) and could not load.</summary>
    public string? FallbackReason { get; }

    public int ImageSize { get; }

    public int Tokens { get; }

    public int OutputDim { get; }

    public string Weights { get; }

    public string DataType { get; }

    public int ViewLength => 3 * ImageSize * ImageSize;

    /// <summary>SHA-256 of the model file and its external data: part of every cache key.</summary>
    public string Hash => hash.Value;

    public static OnnxViewModel Load(string path, ProviderChoice provider, OnnxSessionSettings? settings = null)
    {
        if (!File.Exists(path)) throw new UserError($"model file not found: {path}");
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (settings?.ProfilePrefix is { } prefix)
        {
            options.ProfileOutputPathPrefix = prefix; // read when profiling is switched on, so first
            options.EnableProfiling = true;
        }
        if (settings?.FixedBatch is { } fixedBatch)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(fixedBatch, 1, nameof(settings));
            options.AddFreeDimensionOverrideByName(BatchDimension, fixedBatch);
        }
        if (settings?.OptimizedModelPath is { } optimizedPath) options.OptimizedModelFilePath = optimizedPath;
        try
        {
            var (used, reason) = ExecutionProviders.Configure(options, provider, settings?.CudaOptions);
            InferenceSession session;
            try
            {
                session = new InferenceSession(path, options);
            }
            catch (OnnxRuntimeException error)
            {
                throw new UserError($"{path}: not a loadable ONNX model ({ExecutionProviders.FirstLine(error.Message)})", error);
            }
            try
            {
                return new OnnxViewModel(path, session, used, reason);
            }
            catch
            {
                session.Dispose();
                throw;
            }
        }
        finally
        {
            options.Dispose();
        }
    }

    /// <summary>
    /// Runs <paramref name="count"/> views laid out back to back in <paramref name="pixels"/>
    /// ([count, 3, S, S]) and writes [count, T, D] into <paramref name="embeddings"/>.
    /// </summary>
    public void Run(float[] pixels, int count, float[] embeddings)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count));
        if (pixels.Length < (long)count * ViewLength)
            throw new UserError($"{Path}: expects views of 3x{ImageSize}x{ImageSize} floats; got {pixels.Length} floats for {count} view(s)");
        var outputLength = (long)count * Tokens * OutputDim;
        if (embeddings.Length < outputLength)
            throw new ArgumentException($"output buffer holds {embeddings.Length} floats, {outputLength} needed", nameof(embeddings));
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, pixels.AsMemory(0, count * ViewLength),
            [count, 3, ImageSize, ImageSize]);
        using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, embeddings.AsMemory(0, (int)outputLength),
            [count, Tokens, OutputDim]);
        session.Run(runOptions, [InputName], [input], [OutputName], [output]);
    }

    /// <summary>Runs views given one array each; returns one [T, D] array per view.</summary>
    public float[][] Run(IReadOnlyList<float[]> views)
    {
        foreach (var view in views)
        {
            if (view.Length != ViewLength)
                throw new UserError($"{Path}: expects {ImageSize}x{ImageSize} views ({ViewLength} floats); got {view.Length} floats");
        }
        var perView = Tokens * OutputDim;
        if (pinned is not null)
        {
            // Gathering the views is a copy either way; into pinned memory it also makes the transfers direct.
            lock (pinned)
            {
                var (input, output) = pinned.Tensors(views.Count, [views.Count, 3, ImageSize, ImageSize], [views.Count, Tokens, OutputDim]);
                using (input)
                using (output)
                {
                    // One view is 12 MB at 1024: copied in parallel, a batch of 32 gathers at memory speed.
                    Parallel.For(0, views.Count, i => views[i].CopyTo(input.GetTensorMutableDataAsSpan<float>().Slice(i * ViewLength, ViewLength)));
                    session.Run(runOptions, [InputName], [input], [OutputName], [output]);
                    var result = new float[views.Count][];
                    Parallel.For(0, views.Count, i => result[i] = output.GetTensorDataAsSpan<float>().Slice(i * perView, perView).ToArray());
                    return result;
                }
            }
        }
        var pixels = new float[views.Count * ViewLength];
        for (var i = 0; i < views.Count; i++) views[i].CopyTo(pixels, i * ViewLength);
        var embeddings = new float[views.Count * perView];
        Run(pixels, views.Count, embeddings);
        return [.. Enumerable.Range(0, views.Count).Select(i => embeddings.AsSpan(i * perView, perView).ToArray())];
    }

    /// <summary>Whether batches go through page-locked staging buffers (CUDA only).</summary>
    public bool UsesPinnedStaging => pinned is not null;

    /// <summary>The batch size the session was fixed to at load, or null when the batch axis is dynamic.</summary>
    public int? FixedBatch => session.InputMetadata[InputName].Dimensions[0] is > 0 and var batch ? batch : null;

    /// <summary>A binding of caller-owned buffers (pinned host or device memory) to this session's input
    /// and output, for <see cref="RunWithBinding"/>.</summary>
    public OrtIoBinding CreateIoBinding() => session.CreateIoBinding();

    /// <summary>An allocator of this session's execution provider for <paramref name="memory"/> (e.g. CUDA's
    /// pinned host memory), to build tensors that bind without staging copies.</summary>
    public OrtAllocator CreateAllocator(OrtMemoryInfo memory) => new(session, memory);

    /// <summary>Runs on bound buffers; returns once the outputs are written.</summary>
    public void RunWithBinding(OrtIoBinding binding) => session.RunWithBinding(runOptions, binding);

    /// <summary>Stops ONNX Runtime's profiler (when enabled) and returns its trace file.</summary>
    public string EndProfiling() => session.EndProfiling();

    public void Dispose()
    {
        pinned?.Dispose();
        runOptions.Dispose();
        session.Dispose();
    }

    private void CheckSignature()
    {
        if (!session.InputMetadata.TryGetValue(InputName, out var input) || !session.OutputMetadata.TryGetValue(OutputName, out var output))
            throw new UserError($"{Path}: not a DeepEncoder export (expected input '{InputName}' and output '{OutputName}')");
        var dims = input.Dimensions;
        if (input.ElementDataType != TensorElementType.Float || dims.Length != 4 || dims[1] != 3 || dims[2] != ImageSize || dims[3] != ImageSize)
            throw new UserError($"{Path}: input '{InputName}' is [{string.Join(", ", dims)}] {input.ElementDataType}, expected [batch, 3, {ImageSize}, {ImageSize}] float");
        var outDims = output.Dimensions;
        if (output.ElementDataType != TensorElementType.Float || outDims.Length != 3 || outDims[1] != Tokens || outDims[2] != OutputDim)
            throw new UserError($"{Path}: output '{OutputName}' is [{string.Join(", ", outDims)}], expected [batch, {Tokens}, {OutputDim}] float");
        var expected = VisionTokenFormula.GlobalTokens(ImageSize) + 1;
        if (Tokens != expected)
            throw new UserError($"{Path}: {Tokens} tokens for a {ImageSize} view, but DeepSeek-OCR's count is {expected}");
    }

    private int ReadInt(IReadOnlyDictionary<string, string> metadata, string key)
    {
        if (metadata.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
            return value;
        throw new UserError($"{Path}: missing metadata '{key}'; export the model with tools/export-encoder");
    }

    private static string HashFiles(string path)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        foreach (var file in new[] { path, path + ".data" }.Where(File.Exists))
        {
            using var stream = File.OpenRead(file);
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) sha.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
