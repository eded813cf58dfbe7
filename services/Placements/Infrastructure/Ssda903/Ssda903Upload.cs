using System.IO.Compression;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Platform.Placements.Infrastructure.Ssda903;

/// <summary>An upload that is not a readable 903 return: what is wrong, for a problem+json answer (400 or 422).</summary>
public sealed class Ssda903UploadException(string field, string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
{
    public string Field { get; } = field;

    public int StatusCode { get; } = statusCode;
}

/// <summary>One file of an upload: the name it came with (for messages only) and its content, read once.</summary>
public sealed record UploadedFile(string Name, Stream Content);

/// <summary>
/// The files of a 903 upload, one at a time and never buffered whole in memory: the parts of a multipart/form-data body
/// (streamed section by section), the entries of a zip (spooled to a temporary file first, as a zip's directory is at
/// its end) or a single table sent as text/csv.
/// </summary>
public static class Ssda903Upload
{
    public const string CsvType = "text/csv";
    public const string ZipType = "application/zip";
    public const string MultipartType = "multipart/form-data";

    public static async IAsyncEnumerable<UploadedFile> ReadAsync(HttpRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed : null;
        var type = mediaType?.MediaType.Value?.ToLowerInvariant();
        switch (type)
        {
            case CsvType:
                yield return new UploadedFile("the request body", request.Body);
                break;
            case ZipType or "application/x-zip-compressed":
                await foreach (var file in ReadZipAsync(request.Body, cancellationToken)) yield return file;
                break;
            case MultipartType:
                var boundary = HeaderUtilities.RemoveQuotes(mediaType!.Boundary).Value;
                if (string.IsNullOrWhiteSpace(boundary)) throw new Ssda903UploadException("body", "The multipart body has no boundary.");
                var reader = new MultipartReader(boundary, request.Body);
                var index = 0;
                while (await NextSectionAsync(reader, cancellationToken) is { } section)
                {
                    index++;
                    var disposition = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var d) ? d : null;
                    var name = disposition?.FileName.Value ?? disposition?.Name.Value ?? $"part {index}";
                    var sectionType = section.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
                    if (sectionType is ZipType or "application/x-zip-compressed" || name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                    {
                        await foreach (var file in ReadZipAsync(section.Body, cancellationToken)) yield return file;
                    }
                    else
                    {
                        yield return new UploadedFile(name.Trim('"'), section.Body);
                    }
                }
                break;
            default:
                throw new Ssda903UploadException("body",
                    $"Send the return's tables as {MultipartType} (one CSV file per table), as a zip of the CSV files ({ZipType}) or one table as {CsvType}.",
                    StatusCodes.Status415UnsupportedMediaType);
        }
    }

    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            throw new Ssda903UploadException("body", $"The multipart body is malformed: {ex.Message}");
        }
    }

    private static async IAsyncEnumerable<UploadedFile> ReadZipAsync(Stream body, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = Path.GetTempFileName();
        await using var spool = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await body.CopyToAsync(spool, cancellationToken);
        spool.Position = 0;
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(spool, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new Ssda903UploadException("body", "The body is not a readable zip archive.");
        }
        using (archive)
        {
            foreach (var entry in archive.Entries.Where(e => !e.FullName.EndsWith('/')).OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                await using var content = entry.Open();
                yield return new UploadedFile(entry.FullName, content);
            }
        }
    }
}
