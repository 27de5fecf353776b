using CodeContext.Core;

namespace CodeContext.VisionEncoder.Tests;

public sealed class ErrorTests(TinyModels tiny) : IClassFixture<TinyModels>, IDisposable
{
    private readonly TempTree temp = new();

    [Fact]
    public void MissingModelFileNamesThePath()
    {
        var path = Path.Combine(temp.Root, "nope.onnx");
        var error = Assert.Throws<UserError>(() => EncoderModels.Load([path], ProviderChoice.Cpu));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void AFileThatIsNotOnnxIsRejectedClearly()
    {
        var path = Path.Combine(temp.Root, "garbage.onnx");
        File.WriteAllText(path, "this is not a protobuf");
        var error = Assert.Throws<UserError>(() => OnnxViewModel.Load(path, ProviderChoice.Cpu));
        Assert.Contains("not a loadable ONNX model", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void AModeWithoutAModelOfItsSizeSaysWhichSizeIsMissing()
    {
        using var models = EncoderModels.Load([TinyModels.ModelPath(640)], ProviderChoice.Cpu);
        var encoder = new PageEncoder(models, cache: null);
        var error = Assert.Throws<UserError>(() => encoder.Encode([TinyModels.Page("page-1024.png")], DeepSeekOcrModes.Get("Base"), 1));
        Assert.Contains("Base needs a model for 1024x1024", error.Message);
        Assert.Contains("640", error.Message);
    }

    [Fact]
    public void WrongInputSizeIsAUserError()
    {
        var model = tiny.Models.For(DeepSeekOcrModes.Get("Small"), 640);
        var error = Assert.Throws<UserError>(() => model.Run([new float[3 * 512 * 512]]));
        Assert.Contains("640x640", error.Message);
    }

    [Fact]
    public void TwoModelsForOneSizeAreRefused()
    {
        var copy = Path.Combine(temp.Root, "again-640.onnx");
        File.Copy(TinyModels.ModelPath(640), copy);
        var error = Assert.Throws<UserError>(() => EncoderModels.Load([TinyModels.ModelPath(640), copy], ProviderChoice.Cpu));
        Assert.Contains("two models for 640x640", error.Message);
    }

    [Fact]
    public void AnUnreadablePageNamesTheFile()
    {
        var page = PageImage.FromBytes("broken.png", [1, 2, 3, 4]);
        var error = Assert.Throws<UserError>(() => new PageEncoder(tiny.Models, null).Encode([page], DeepSeekOcrModes.Get("Tiny"), 1));
        Assert.Contains("broken.png", error.Message);
    }

    [Fact]
    public void AnUnknownProviderIsAUserError() =>
        Assert.Throws<UserError>(() => ExecutionProviders.Parse("tpu"));

    [Fact]
    public void AskingForCudaOnTheCpuBuildFailsWithTheReason()
    {
        var error = Assert.Throws<UserError>(() => OnnxViewModel.Load(TinyModels.ModelPath(512), ProviderChoice.Cuda));
        Assert.Contains("CUDA", error.Message);
    }

    public void Dispose() => temp.Dispose();
}
