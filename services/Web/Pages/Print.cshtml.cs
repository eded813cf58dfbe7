using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Security;
using Platform.Web.Gateway;
using Platform.Web.Print;

namespace Platform.Web.Pages;

/// <summary>
/// The board pack for the meeting: a cover, the summary, the areas and the rest of the board, page-numbered for A4,
/// with no navigation or controls. Also as a PDF rendered on the server (<c>?handler=pdf</c>) and as every figure of
/// the pack in CSV files (<c>?handler=figures</c>); each download is an audit record with the user's subject.
/// </summary>
public sealed partial class PrintModel(GatewayClient gateway, ILogger<PrintModel> audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsAt { get; set; }

    public DateOnly Date => AsAt ?? BoardLoader.Today();

    public BoardView? View { get; private set; }

    public ApiProblem? Problem { get; private set; }

    /// <summary>The platform's release and commit, printed on the cover.</summary>
    public AppVersion Release { get; } = AppVersion.Of(typeof(PrintModel).Assembly);

    /// <summary>The service charts printed after the board (recruitment, savings, stability, flow, comparators).</summary>
    public ServiceChartsView? Charts { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        (View, Problem) = await BoardLoader.LoadAsync(gateway, Date, canWrite: false, print: true, cancellationToken);
        if (View is not null) Charts = await ServiceChartsView.LoadAsync(gateway, Date, cancellationToken);
    }

    /// <summary>
    /// The pack as a PDF: this page as the user sees it (fetched from this app itself with the user's own cookie, so
    /// the same authorisation applies), printed by headless Chromium.
    /// </summary>
    public async Task<IActionResult> OnGetPdfAsync([FromServices] PackPdf pdf, [FromServices] IHttpClientFactory clients, [FromServices] IWebHostEnvironment environment,
        CancellationToken cancellationToken)
    {
        if (pdf.Chromium is null) return Unavailable("The PDF needs Chromium on the web app's host (Pdf__Chromium). Use Print or save as PDF in your browser instead.");
        var self = new Uri($"http://127.0.0.1:{HttpContext.Connection.LocalPort}/");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(self, $"print?asAt={Format.Iso(Date)}"));
        request.Headers.TryAddWithoutValidation("Cookie", Request.Headers.Cookie.ToString());
        using var response = await clients.CreateClient(nameof(PackPdf)).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) return Unavailable("The board pack could not be prepared. Try again.");
        var html = await PackPdf.InlineStylesheetsAsync(await response.Content.ReadAsStringAsync(cancellationToken), environment.WebRootFileProvider, cancellationToken);
        var document = await pdf.RenderAsync(html, cancellationToken);
        if (document is null) return Unavailable("The PDF could not be rendered. Use Print or save as PDF in your browser instead.");
        LogExport(audit, Subject, "PDF", Date);
        return File(document, "application/pdf", $"board-pack-{Format.Iso(Date)}.pdf");
    }

    /// <summary>Every figure of the pack, one CSV per table, in a zip.</summary>
    public async Task<IActionResult> OnGetFiguresAsync(CancellationToken cancellationToken)
    {
        var (view, problem) = await BoardLoader.LoadAsync(gateway, Date, canWrite: false, print: true, cancellationToken);
        if (view is null) return StatusCode(problem?.Status >= 400 ? problem.Status : 502);
        var charts = await ServiceChartsView.LoadAsync(gateway, Date, cancellationToken);
        LogExport(audit, Subject, "figures", Date);
        return File(PackFigures.Zip(view, charts), "application/zip", $"board-pack-figures-{Format.Iso(Date)}.zip");
    }

    private string Subject => TokenSubject.Of(User) ?? User.Identity?.Name ?? "unknown";

    private static ObjectResult Unavailable(string detail) =>
        new(new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "The board pack PDF is not available", Detail = detail })
        {
            StatusCode = StatusCodes.Status503ServiceUnavailable,
            ContentTypes = { "application/problem+json" },
        };

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "AUDIT export: {Subject} downloaded the board pack {Kind} for {AsAt}")]
    private static partial void LogExport(ILogger logger, string subject, string kind, DateOnly asAt);
}
