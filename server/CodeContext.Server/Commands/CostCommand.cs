using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CodeContext.Core;
using CodeContext.Rendering.Costs;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Server.Commands;

/// <summary>`codecontext cost --profile P --image WxH`: the vision tokens an image costs and what the model sees.</summary>
internal static class CostCommand
{
    public static Command Create()
    {
        var profile = new Option<string>("--profile") { Description = "Model profile id (" + string.Join(", ", ProfileCatalog.Ids) + ")", Required = true };
        var image = new Option<string>("--image") { Description = "Image size as WIDTHxHEIGHT, e.g. 1024x1024", Required = true };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        var command = new Command("cost", "Print the prompt tokens an image of a given size costs on a model, and the geometry the model sees.")
        {
            profile, image, format,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async _ =>
        {
            var p = ProfileCatalog.Get(result.GetValue(profile)!);
            var (w, h) = ParseSize(result.GetValue(image)!);
            var cost = VisionCostCalculator.Compute(p.Cost, w, h);
            if (result.GetValue(format) == "json")
            {
                var json = JsonSerializer.Serialize(new { profile = p.Id, width = w, height = h, tokens = cost.Tokens, seen = new { width = cost.SeenWidth, height = cost.SeenHeight, contentWidth = cost.ContentWidth, contentHeight = cost.ContentHeight, tilesWide = cost.TilesWide, tilesHigh = cost.TilesHigh }, note = cost.Note });
                await Console.Out.WriteLineAsync(json).ConfigureAwait(false);
            }
            else
            {
                await Console.Out.WriteLineAsync($"{cost.Tokens} tokens: {p.Id}, image {w}x{h}").ConfigureAwait(false);
                await Console.Out.WriteLineAsync($"model sees {cost.SeenWidth}x{cost.SeenHeight} (image content {cost.ContentWidth}x{cost.ContentHeight}), tiles {cost.TilesWide}x{cost.TilesHigh}: {cost.Note}").ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    internal static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && w > 0 && h > 0)
        {
            return (w, h);
        }

        throw new UserError($"--image '{text}' is not WIDTHxHEIGHT with positive whole numbers (e.g. 1024x1024)");
    }
}
