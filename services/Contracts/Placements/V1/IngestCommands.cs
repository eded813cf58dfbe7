using Platform.Contracts.Ingest.V1;

namespace Platform.Contracts.Placements.V1;

/// <summary>
/// A census (ONS mid-year estimate) figure from the council's data warehouse, sent by the Ingest service: the under-18
/// population of a collection year (named by the April it starts), used for the rate per 10,000.
/// </summary>
public sealed record SetUnder18Population(int CollectionYear, int Under18Population) : IngestCommand;
