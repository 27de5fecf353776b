using CodeContext.Core;

namespace CodeContext.VisionEncoder.Tests;

public sealed class ErrorTests(TinyModels tiny) : IClassFixture<TinyModels>, IDisposable
{
    private readonly TempTree temp = new();

    [Fact]
    public void Missing_model_file_names_the_path()
    {
        var path = Path.Combine(temp.Root, "nope.onnx");
        var error = Assert.Throws<UserError>(() => EncoderModels.Load([path], ProviderChoice.Cpu));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_file_that_is_not_ONNX_is_rejected_clearly()
    {
        var path = Path.Combine(temp.Root, "garbage.onnx");
        File.WriteAllText(path, "this is not a protobuf");
        var error = Assert.Throws<UserError>(() => OnnxViewModel.Load(path, ProviderChoice.Cpu));
        Assert.Contains("not a loadable ONNX model", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_mode_without_a_model_of_its_size_says_which_size_is_missing()
    {
        using var models = EncoderModels.Load([TinyModels.ModelPath(640)], ProviderChoice.Cpu);
        var encoder = new PageEncoder(models, cache: null);
        var error = Assert.Throws<UserError>(() => encoder.Encode([TinyModels.Page("page-1024.png")], DeepSeekOcrModes.Get("Base"), 1));
        Assert.Contains("Base needs a model for 1024x1024", error.Message);
        Assert.Contains("640", error.Message);
    }

    [Fact]
    public void Wrong_input_size_is_a_user_error()
    {
        var model = tiny.Models.For(DeepSeekOcrModes.Get("Small"), 640);
        var error = Assert.Throws<UserError>(() => model.Run([new float[3 * 512 * 512]]));
        Assert.Contains("640x640", error.Message);
    }

    [Fact]
    public void Two_models_for_one_size_are_refused()
    {
        var copy = Path.Combine(temp.Root, "again-640.onnx");
        File.Copy(TinyModels.ModelPath(640), copy);
        var error = Assert.Throws<UserError>(() => EncoderModels.Load([TinyModels.ModelPath(640), copy], ProviderChoice.Cpu));
        Assert.Contains("two models for 640x640", error.Message);
    }

    [Fact]
    public void An_unreadable_page_names_the_file()
    {
        var page = PageImage.FromBytes("broken.png", [1, 2, 3, 4]);
        var error = Assert.Throws<UserError>(() => new PageEncoder(tiny.Models, null).Encode([page], DeepSeekOcrModes.Get("Tiny"), 1));
        Assert.Contains("broken.png", error.Message);
    }

    [Fact]
    public void An_unknown_provider_is_a_user_error() =>
        Assert.Throws<UserError>(() => ExecutionProviders.Parse("tpu"));

    [Fact]
    public void Asking_for_CUDA_on_the_CPU_build_fails_with_the_reason()
    {
        var error = Assert.Throws<UserError>(() => OnnxViewModel.Load(TinyModels.ModelPath(512), ProviderChoice.Cuda));
        Assert.Contains("CUDA", error.Message);
    }

    public void Dispose() => temp.Dispose();
}
