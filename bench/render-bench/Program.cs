using RenderBench;

return args switch
{
    ["columns", var folder, var profile, var level] => Diagnostics.Columns(folder, profile, level),
    ["calibrate", var folder] => Calibration.Run(folder),
    ["calibrate", var folder, var profiles] => Calibration.Run(folder, profiles),
    ["speed", var folder, var profile, var level, var seconds] => Speed.Run(folder, profile, level, int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)),
    ["tokens", var file] => TokenSpeed.Run(file),
    ["legibility-pages", var folder, var outDir, var profile, var files, var sizes, var fonts] => LegibilityPages.Run(
        folder, outDir, profile, int.Parse(files, System.Globalization.CultureInfo.InvariantCulture),
        [.. sizes.Split(',').Select(s => float.Parse(s, System.Globalization.CultureInfo.InvariantCulture))],
        fonts == "all" ? [.. CodeContext.Rendering.Fonts.FontCatalog.Ids] : fonts.Split(',')),
    ["cer", var expected, var actual] => Cer.Run(expected, actual),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: RenderBench calibrate DIR | speed DIR PROFILE LEVEL SECONDS | tokens FILE | legibility-pages DIR OUT PROFILE FILES SIZES FONTS|all | cer EXPECTED ACTUAL | columns DIR PROFILE LEVEL");
    return 2;
}
