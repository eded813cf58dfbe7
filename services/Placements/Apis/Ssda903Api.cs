using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Placements.Domain;
using Platform.Placements.Infrastructure;

namespace Platform.Placements.Apis;

/// <summary>SSDA903 episodes files: import (validated, streamed, bulk-inserted) and export of a collection year's return.</summary>
public static class Ssda903Api
{
    /// <summary>Largest import accepted by the service itself (a 100,000-episode file is about 9 MB).</summary>
    public const long MaxImportBytes = 256L * 1024 * 1024;

    private const string CsvType = "text/csv";

    public static IEndpointRouteBuilder MapSsda903Api(this IEndpointRouteBuilder app)
    {
        var returns = app.MapGroup("/ssda903/returns").WithTags("SSDA903");
        returns.MapPost("/{year:int}/episodes", Import)
            .Accepts<string>(CsvType)
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .WithSummary("Import a 903 episodes file (CSV) for a collection year (year = the April it starts)")
            .WithDescription("Columns: " + string.Join(",", Ssda903File.Columns) + ". Every row is checked against the 903 code lists and "
                + "validation rules; the answer lists each failing row, field and rule number, and nothing is stored from a file with errors "
                + "unless partial=true (then only the children without errors are loaded). The body is streamed and bulk-inserted with "
                + "PostgreSQL binary COPY. Publishes PlacementStarted for imported open placements and CarePopulationChanged per changed day.");
        returns.MapGet("/{year:int}/episodes", Export)
            .Produces(StatusCodes.Status200OK, contentType: CsvType)
            .WithSummary("Export the 903 episodes file of a collection year (CSV), in the import's format")
            .WithDescription("Every episode open at some point in the year, ordered by CHILD then DECOM: an imported file exported again is identical.");
        return app;
    }

    public sealed record ImportResponse(int CollectionYear, int Rows, int Children, int Episodes, int ErrorCount, IReadOnlyList<Ssda903Error> Errors);

    internal static async Task<Results<Ok<ImportResponse>, ValidationProblem, ProblemHttpResult>> Import(
        int year, bool? partial, HttpRequest request, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var validator = new ServiceDefaults.Http.RequestValidator();
        validator.When(year is < 2000 or > 2099, "year", "Must be a collection year between 2000 and 2099.");
        var mediaType = request.ContentType is { } contentType ? contentType.Split(';')[0].Trim() : null;
        validator.When(!string.Equals(mediaType, CsvType, StringComparison.OrdinalIgnoreCase), "body", $"Must be sent as {CsvType}.");
        if (!validator.IsValid) return validator.ToProblem();

        var result = await new Ssda903Import(db).RunAsync(request.Body, year, partial == true, cancellationToken);
        if (result.MissingColumns.Count > 0)
        {
            return validator.Add("body", $"The header line lacks the columns {string.Join(", ", result.MissingColumns)}; expected {string.Join(",", Ssda903File.Columns)}.").ToProblem();
        }
        var errors = result.Errors.OrderBy(e => e.Row).ThenBy(e => e.Rule, StringComparer.Ordinal).ToList();
        if (!result.Loaded)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The 903 file has errors; nothing was loaded.",
                detail: $"{result.ErrorCount} error(s) in {result.Rows} row(s). Fix them, or import with partial=true to load the children without errors.",
                extensions: new Dictionary<string, object?>
                {
                    ["collectionYear"] = year,
                    ["rows"] = result.Rows,
                    ["errorCount"] = result.ErrorCount,
                    ["errors"] = errors,
                });
        }
        return TypedResults.Ok(new ImportResponse(year, result.Rows, result.Children, result.Episodes, result.ErrorCount, errors));
    }

    internal static Results<PushStreamHttpResult, ValidationProblem> Export(int year, PlacementsDbContext db)
    {
        var validator = new ServiceDefaults.Http.RequestValidator();
        validator.When(year is < 2000 or > 2099, "year", "Must be a collection year between 2000 and 2099.");
        if (!validator.IsValid) return validator.ToProblem();

        var yearStart = new DateOnly(year, 4, 1);
        var yearEnd = new DateOnly(year + 1, 3, 31);
        return TypedResults.Stream(async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024) { NewLine = "\n" };
            await writer.WriteLineAsync(string.Join(",", Ssda903File.Columns));
            var rows = db.Episodes.AsNoTracking()
                .Where(e => e.StartDate <= yearEnd && (e.EndDate == null || e.EndDate >= yearStart))
                .Join(db.Children, e => e.ChildId, c => c.ChildId, (e, c) => new { Episode = e, Child = c })
                .OrderBy(x => EF.Functions.Collate(x.Episode.ChildId, "C")).ThenBy(x => x.Episode.StartDate)
                .AsAsyncEnumerable();
            var line = new StringBuilder();
            await foreach (var x in rows)
            {
                var e = x.Episode;
                var c = x.Child;
                line.Clear().AppendJoin(',',
                    c.ChildId, c.Sex, Ssda903File.Format(c.DateOfBirth), c.Ethnicity, c.IsUasc ? "1" : "0",
                    Ssda903File.Format(e.StartDate), e.ReasonForNewEpisode, e.LegalStatus, e.CategoryOfNeed, e.PlacementType,
                    e.PlacementProvider ?? "", Ssda903File.Format(e.EndDate), e.ReasonEpisodeCeased ?? "", e.ReasonForPlacementChange ?? "",
                    e.HomePostcodeDistrict ?? "", e.PostcodeDistrict ?? "", e.Urn ?? "");
                await writer.WriteLineAsync(line);
            }
        }, contentType: CsvType, fileDownloadName: $"ssda903-episodes-{year}.csv");
    }
}
