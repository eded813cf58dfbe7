using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;

namespace Platform.Web.Print;

/// <summary>
/// The board pack as a PDF, rendered on the server by headless Chromium (<c>Pdf__Chromium</c>, else the first of
/// chromium, chromium-browser or google-chrome on the PATH) from the pack's own HTML: the same print view the browser
/// prints, with its page numbers (CSS page margin boxes) and page breaks. Nothing is kept: the files live in a
/// private temporary folder for the one rendering.
/// </summary>
public sealed partial class PackPdf(IConfiguration configuration, ILogger<PackPdf> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly string[] Candidates = ["chromium", "chromium-browser", "google-chrome"];

    /// <summary>The Chromium executable, or null when this host has none.</summary>
    public string? Chromium => configuration["Pdf:Chromium"] is { Length: > 0 } configured ? configured : FindOnPath();

    /// <summary>The PDF of <paramref name="html"/> (whose relative links resolve against its base), or null when it could not be rendered.</summary>
    public async Task<byte[]?> RenderAsync(string html, CancellationToken cancellationToken)
    {
        if (Chromium is not { } chromium) return null;
        var folder = Directory.CreateTempSubdirectory("board-pack-");
        try
        {
            var input = Path.Combine(folder.FullName, "pack.html");
            var output = Path.Combine(folder.FullName, "pack.pdf");
            await File.WriteAllTextAsync(input, html, cancellationToken);
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions", "--no-pdf-header-footer",
                $"--user-data-dir={Path.Combine(folder.FullName, "profile")}", $"--print-to-pdf={output}", new Uri(input).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            if (process.ExitCode == 0 && File.Exists(output)) return await File.ReadAllBytesAsync(output, cancellationToken);
            LogFailed(logger, process.ExitCode, Last(await errors));
            return null;
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold its profile for a moment; the folder is in the temporary directory.
            }
        }
    }

    /// <summary>
    /// The page with its stylesheets inlined and the files they use (fonts) as local files: Chromium prints a local file
    /// and fetches nothing over the network.
    /// </summary>
    public static async Task<string> InlineStylesheetsAsync(string html, IFileProvider webRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(webRoot);
        var result = html;
        foreach (Match link in Stylesheet().Matches(html))
        {
            var file = webRoot.GetFileInfo(link.Groups["href"].Value);
            if (!file.Exists) continue;
            using var reader = new StreamReader(file.CreateReadStream());
            var css = await reader.ReadToEndAsync(cancellationToken);
            css = RootUrl().Replace(css, url => webRoot.GetFileInfo(url.Groups["path"].Value) is { Exists: true, PhysicalPath: { } path }
                ? $"url(\"{new Uri(path).AbsoluteUri}\")" : url.Value);
            result = result.Replace(link.Value, $"<style>{css}</style>", StringComparison.Ordinal);
        }
        return result;
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(?<href>/[^\"]+)\">")]
    private static partial Regex Stylesheet();

    [GeneratedRegex("url\\(\"?(?<path>/[^)\"?#]+)[^)]*\\)")]
    private static partial Regex RootUrl();

    private static string Last(string text) => text.Length > 500 ? text[^500..] : text;

    private static string? FindOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => Candidates.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chromium could not render the board pack (exit {ExitCode}): {Errors}")]
    private static partial void LogFailed(ILogger logger, int exitCode, string errors);
}
