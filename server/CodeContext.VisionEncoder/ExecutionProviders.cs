using CodeContext.Core;
using Microsoft.ML.OnnxRuntime;

namespace CodeContext.VisionEncoder;

/// <summary>Which ONNX Runtime execution provider to ask for.</summary>
public enum ProviderChoice
{
    /// <summary>CUDA when this build and machine can load it, else CPU.</summary>
    Auto,
    Cuda,
    Cpu,
}

/// <summary>Session options for a provider choice, and the name of the provider that will run.</summary>
public static class ExecutionProviders
{
    public static ProviderChoice Parse(string? value) => value?.ToLowerInvariant() switch
    {
        null or "" or "auto" => ProviderChoice.Auto,
        "cuda" => ProviderChoice.Cuda,
        "cpu" => ProviderChoice.Cpu,
        _ => throw new UserError($"unknown provider '{value}' (expected auto, cuda or cpu)"),
    };

    /// <summary>
    /// Appends CUDA where asked and possible. The CPU package has no CUDA provider and a machine may
    /// lack the CUDA libraries: ONNX Runtime throws then, which Auto turns into a CPU fallback (with
    /// the reason) and an explicit Cuda turns into a user error.
    /// </summary>
    internal static (string Provider, string? FallbackReason) Configure(SessionOptions options, ProviderChoice choice,
        IReadOnlyDictionary<string, string>? extraCudaOptions = null)
    {
        if (choice == ProviderChoice.Cpu) return ("CPU", null);
        try
        {
            using var cuda = new OrtCUDAProviderOptions();
            // fp32 models stay fp32 (TF32 would change their numerics); fp16 models are unaffected.
            var settings = new Dictionary<string, string> { ["device_id"] = "0", ["use_tf32"] = "0" };
            foreach (var (key, value) in extraCudaOptions ?? new Dictionary<string, string>()) settings[key] = value;
            cuda.UpdateOptions(settings);
            options.AppendExecutionProvider_CUDA(cuda);
            return ("CUDA", null);
        }
        catch (Exception error) when (error is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            var reason = FirstLine(error.Message);
            if (choice == ProviderChoice.Cuda)
                throw new UserError($"the CUDA execution provider cannot be loaded: {reason}", error);
            return ("CPU", reason);
        }
    }

    internal static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
