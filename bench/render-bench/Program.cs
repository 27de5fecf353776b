using RenderBench;

return args switch
{
    ["columns", var folder, var profile, var level] => Diagnostics.Columns(folder, profile, level),
    ["wraps", var folder, var profile] => Diagnostics.Wraps(folder, profile),
    ["fill", var folder, var profile, var level, var gutter] => Diagnostics.Fill(folder, profile, level, gutter == "gutter"),
    ["calibrate", var folder] => Calibration.Run(folder),
    ["calibrate", var folder, var profiles] => Calibration.Run(folder, profiles),
    ["speed", var folder, var profile, var level, var seconds] => Speed.Run(folder, profile, level, int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)),
    ["pnglab", var folder, var profile, var level] => PngLab.Run(folder, profile, level),
    ["tokens", var file] => TokenSpeed.Run(file),
    ["legibility-pages", var folder, var outDir, var profile, var files, var pages, var variants] => LegibilityPages.Run(
        folder, outDir, profile, int.Parse(files, System.Globalization.CultureInfo.InvariantCulture), int.Parse(pages, System.Globalization.CultureInfo.InvariantCulture), variants),
    ["cer", var expected, var actual] => Cer.Run(expected, actual),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: RenderBench calibrate DIR | speed DIR PROFILE LEVEL SECONDS | tokens FILE | legibility-pages DIR OUT PROFILE FILES PAGES VARIANTS | cer EXPECTED ACTUAL | columns DIR PROFILE LEVEL | wraps DIR PROFILE | pnglab DIR PROFILE LEVEL");
    return 2;
}
