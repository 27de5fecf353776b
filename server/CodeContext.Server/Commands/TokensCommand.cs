using System.CommandLine;
using System.Text;
using CodeContext.Core;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Server.Commands;

/// <summary>`codecontext tokens --tokenizer T [--file F]`: the token count of a file or of stdin.</summary>
internal static class TokensCommand
{
    public static Command Create()
    {
        var tokenizer = new Option<string>("--tokenizer") { Description = string.Join(" | ", TokenizerCatalog.Ids), Required = true };
        var file = new Option<string?>("--file") { Description = "File to count (default: standard input)" };
        var command = new Command("tokens", "Print how many tokens a text costs with a model's tokenizer (no special tokens).")
        {
            tokenizer, file,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            var t = TokenizerCatalog.Get(result.GetValue(tokenizer)!);
            var path = result.GetValue(file);
            string text;
            if (path is null)
            {
                using var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
                text = await stdin.ReadToEndAsync(ct).ConfigureAwait(false);
            }
            else if (!File.Exists(path))
            {
                throw new UserError($"--file '{path}' does not exist");
            }
            else
            {
                text = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
            }

            await Console.Out.WriteLineAsync(t.CountTokens(text).ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }
}
