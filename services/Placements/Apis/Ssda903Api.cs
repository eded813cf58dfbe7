using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Placements.Application;
using Platform.Placements.Domain.Ssda903;
using Platform.Placements.Infrastructure;
using Platform.Placements.Infrastructure.Ssda903;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Security;

namespace Platform.Placements.Apis;

/// <summary>
/// SSDA903 returns as councils' case systems export them: the DfE's tables (one CSV each), uploaded together. Validate
/// (every finding, nothing stored), import (refused with findings unless partial) and export a collection year.
/// </summary>
public static class Ssda903Api
{
    /// <summary>Largest upload accepted by the service itself (a 100,000-episode return is about 10 MB).</summary>
    public const long MaxUploadBytes = 256L * 1024 * 1024;

    private const string Upload =
        "The return's tables as multipart/form-data (one CSV file per table), a zip of the CSV files (application/zip) or one table as " +
        "text/csv. Tables are recognised by their column headers (Header, Episodes, UASC, Reviews, Missing, OC2, OC3, AD1, PlacedAdoption, " +
        "PrevPerm, SWEpisodes); Header and Episodes are required. Codes are accepted in either case. Year = the April the collection starts " +
        "(2025 = 2025-26).";

    public static IEndpointRouteBuilder MapSsda903Api(this IEndpointRouteBuilder app)
    {
        var returns = app.MapGroup("/ssda903/returns").WithTags("SSDA903");
        returns.MapPost("/{year:int}/validate", Validate)
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: Ssda903Upload.CsvType)
            .WithSummary("Validate a 903 return as the DfE does; nothing is stored")
            .WithDescription(Upload + " Answers every finding (rule, message, table, row as in the file — the column header is row 1 — child, " +
                "fields), in file order, with a summary by rule; streamed, so there is no cap. offset and limit page through the findings, rule " +
                "keeps one rule's; format=csv (or Accept: text/csv) answers the findings as a CSV download.");
        returns.MapPost("/{year:int}", Import)
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .WithSummary("Import a 903 return: refused (422) when it has findings, unless partial=true loads the children without any")
            .WithDescription(Upload + " Streamed and bulk-inserted with PostgreSQL binary COPY in one transaction. Publishes PlacementStarted for " +
                "imported open placements and CarePopulationChanged per changed day.");
        returns.MapGet("/{year:int}", Export)
            .RequireAuthorization(PlatformRoles.ChildDataPolicy)
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .WithSummary("Export a collection year as the DfE's tables (header.csv, episodes.csv) in a zip (platform admins and placements officers; audited)");
        returns.MapGet("/{year:int}/tables/{table}", ExportTable)
            .RequireAuthorization(PlatformRoles.ChildDataPolicy)
            .Produces(StatusCodes.Status200OK, contentType: Ssda903Upload.CsvType)
            .WithSummary("Export one table of a collection year (header or episodes) as CSV (platform admins and placements officers; audited)");
        var postcodes = app.MapGroup("/ssda903/postcodes").WithTags("SSDA903");
        postcodes.MapPut("", LoadPostcodes)
            .RequireAuthorization(ServiceDefaults.Security.PlatformRoles.AdminPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(2L * 1024 * 1024 * 1024))
            .Accepts<string>(Ssda903Upload.CsvType)
            .WithSummary("Load the council's postcode reference (platform admins): the ONS postcode directory's CSV, replacing the one held")
            .WithDescription("Columns pcd, oseast1m, osnrth1m, laua and, if present, cty (others are ignored). The 903's placement distance, placement " +
                "local authority and in/out of area are derived from it; until it is loaded, the rules that need it (169, 179, 392c, 411, 420, 454, 1015) " +
                "are reported as not checked.");
        postcodes.MapGet("", PostcodeCount).WithSummary("How many postcodes the reference holds");
        return app;
    }

    public sealed record PostcodesResponse(int Postcodes, int Skipped);

    internal static async Task<Results<Ok<PostcodesResponse>, ProblemHttpResult>> LoadPostcodes(HttpRequest request, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), Ssda903Upload.CsvType, StringComparison.OrdinalIgnoreCase))
        {
            return UploadProblem(new Ssda903UploadException("body", $"Send the postcode directory as {Ssda903Upload.CsvType}.", StatusCodes.Status415UnsupportedMediaType));
        }
        try
        {
            var loaded = await PostcodeReferenceLoader.LoadAsync(db, request.Body, cancellationToken);
            return TypedResults.Ok(new PostcodesResponse(loaded.Postcodes, loaded.Skipped));
        }
        catch (Ssda903UploadException ex)
        {
            return UploadProblem(ex);
        }
    }

    internal static async Task<Ok<PostcodesResponse>> PostcodeCount(PlacementsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PostcodesResponse(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ReferencePostcodes, cancellationToken), 0));

    public sealed record TableResponse(string Table, string File, int Rows);

    public sealed record ImportResponse(
        int CollectionYear, string Specification, IReadOnlyList<StagedTable> Tables, int Children, int Episodes, int ChildrenLeftOut,
        int FindingCount, IReadOnlyList<RuleCount> Summary, IReadOnlyList<string> NotChecked);

    internal static async Task<IResult> Validate(
        int year, string? format, string? rule, int? offset, int? limit, HttpRequest request, Ssda903Returns returns, CancellationToken cancellationToken)
    {
        var validator = new ServiceDefaults.Http.RequestValidator();
        CheckYear(validator, year);
        validator.When(offset is < 0, "offset", "Must be 0 or more.");
        validator.When(limit is < 1, "limit", "Must be 1 or more.");
        validator.When(format is not (null or "json" or "csv"), "format", "Must be json or csv.");
        if (!validator.IsValid) return validator.ToProblem();
        var csv = format == "csv" || (format is null && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(Ssda903Upload.CsvType, StringComparison.OrdinalIgnoreCase)));

        StagedReturn staged;
        try
        {
            staged = await returns.ValidateAsync(year, Ssda903Upload.ReadAsync(request, cancellationToken), cancellationToken);
        }
        catch (Ssda903UploadException ex)
        {
            await returns.EndAsync();
            return UploadProblem(ex);
        }
        var summary = await staged.SummaryAsync(cancellationToken);
        var findings = staged.FindingsAsync(rule?.ToUpperInvariant(), offset ?? 0, limit, cancellationToken);
        if (csv)
        {
            return TypedResults.Stream(async stream =>
            {
                try
                {
                    await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024) { NewLine = "\n" };
                    await writer.WriteLineAsync("rule,table,row,child,fields,message");
                    await foreach (var f in findings)
                    {
                        await writer.WriteLineAsync(string.Join(',', CsvLine.Quote(f.Rule), f.Table, f.Row, CsvLine.Quote(f.Child),
                            CsvLine.Quote(string.Join(' ', f.Fields)), CsvLine.Quote(f.Message)));
                    }
                }
                finally
                {
                    await returns.EndAsync();
                }
            }, Ssda903Upload.CsvType, $"ssda903-{Ssda903Specification.Name(year)}-findings.csv");
        }
        return TypedResults.Stream(async stream =>
        {
            try
            {
                // The writer fills a pipe, flushed to the response asynchronously (ASP.NET Core refuses synchronous writes).
                var pipe = System.IO.Pipelines.PipeWriter.Create(stream);
                await using var json = new Utf8JsonWriter(pipe);
                json.WriteStartObject();
                json.WriteNumber("collectionYear", year);
                json.WriteString("specification", Ssda903Specification.Name(year));
                json.WritePropertyName("tables");
                JsonSerializer.Serialize(json, staged.Tables, JsonSerializerOptions.Web);
                json.WriteNumber("children", staged.Children);
                json.WriteNumber("findingCount", staged.Findings);
                json.WritePropertyName("notChecked");
                JsonSerializer.Serialize(json, staged.NotChecked, JsonSerializerOptions.Web);
                json.WritePropertyName("summary");
                JsonSerializer.Serialize(json, summary, JsonSerializerOptions.Web);
                json.WriteNumber("offset", offset ?? 0);
                json.WriteStartArray("findings");
                var written = 0;
                await foreach (var finding in findings)
                {
                    JsonSerializer.Serialize(json, finding, JsonSerializerOptions.Web);
                    if (++written % 1_000 == 0)
                    {
                        json.Flush();
                        await pipe.FlushAsync(cancellationToken);
                    }
                }
                json.WriteEndArray();
                json.WriteEndObject();
                json.Flush();
                await pipe.CompleteAsync();
            }
            finally
            {
                await returns.EndAsync();
            }
        }, "application/json");
    }

    internal static async Task<IResult> Import(int year, bool? partial, HttpRequest request, Ssda903Returns returns, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var validator = new ServiceDefaults.Http.RequestValidator();
        CheckYear(validator, year);
        if (!validator.IsValid) return validator.ToProblem();
        try
        {
            var outcome = await returns.ImportAsync(year, partial == true, Ssda903Upload.ReadAsync(request, cancellationToken), cancellationToken);
            var staged = outcome.Staged;
            if (outcome.Stored is not { } stored)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "The 903 return has findings; nothing was loaded.",
                    detail: $"{staged.Findings} finding(s) for {staged.Children} child(ren). Fix them, or import with partial=true to load the children " +
                            $"without findings. The first {Ssda903Returns.FirstFindingsReported} are listed; POST …/validate answers every one.",
                    extensions: new Dictionary<string, object?>
                    {
                        ["collectionYear"] = year,
                        ["tables"] = staged.Tables,
                        ["findingCount"] = staged.Findings,
                        ["summary"] = outcome.Summary,
                        ["findings"] = outcome.FirstFindings,
                    });
            }
            await DataAccessAudit.RecordAsync(db, request.HttpContext, nameof(Domain.Child), DataAccessAudit.Imported, stored.Children, [], cancellationToken);
            return TypedResults.Ok(new ImportResponse(year, Ssda903Specification.Name(year), staged.Tables, stored.Children, stored.Episodes,
                stored.ChildrenLeftOut, staged.Findings, outcome.Summary, staged.NotChecked));
        }
        catch (Ssda903UploadException ex)
        {
            return UploadProblem(ex);
        }
        finally
        {
            await returns.EndAsync();
        }
    }

    internal static async Task<Results<PushStreamHttpResult, ValidationProblem>> Export(int year, HttpContext http, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var validator = new ServiceDefaults.Http.RequestValidator();
        CheckYear(validator, year);
        if (!validator.IsValid) return validator.ToProblem();
        await AuditExportAsync(year, http, db, cancellationToken);
        return TypedResults.Stream(stream => Ssda903ReturnStore.WriteZipAsync(db, year, stream, CancellationToken.None),
            "application/zip", $"ssda903-{Ssda903Specification.Name(year)}.zip");
    }

    internal static async Task<Results<PushStreamHttpResult, ValidationProblem>> ExportTable(int year, string table, HttpContext http, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var validator = new ServiceDefaults.Http.RequestValidator();
        CheckYear(validator, year);
        var definition = table.ToLowerInvariant() switch { "header" => Ssda903Tables.Header, "episodes" => Ssda903Tables.Episodes, _ => null };
        validator.When(definition is null, "table", "Must be header or episodes (the tables the service holds).");
        if (!validator.IsValid) return validator.ToProblem();
        await AuditExportAsync(year, http, db, cancellationToken);
        return TypedResults.Stream(stream => Ssda903ReturnStore.WriteTableAsync(db, year, definition!.Table, stream, CancellationToken.None),
            Ssda903Upload.CsvType, $"ssda903-{Ssda903Specification.Name(year)}-{definition!.FileName}");
    }

    // An export is recorded before it streams, with the number of children it holds.
    private static async Task AuditExportAsync(int year, HttpContext http, PlacementsDbContext db, CancellationToken cancellationToken) =>
        await DataAccessAudit.RecordAsync(db, http, nameof(Domain.Child), DataAccessAudit.Exported,
            await Ssda903ReturnStore.CountChildrenAsync(db, year, cancellationToken), [], cancellationToken);

    private static void CheckYear(ServiceDefaults.Http.RequestValidator validator, int year) =>
        validator.When(year < Ssda903Specification.Collections[0].FirstYear || year > 2099, "year",
            $"Must be a collection year between {Ssda903Specification.Collections[0].FirstYear} and 2099 (the April it starts).");

    private static ProblemHttpResult UploadProblem(Ssda903UploadException ex) =>
        TypedResults.Problem(statusCode: ex.StatusCode, title: "The upload is not a readable 903 return.", detail: ex.Message,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [ex.Field] = [ex.Message] } });
}
