using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Placements.Infrastructure.Migrations
{
    /// <summary>
    /// Indexes that bound both ends of what the indicators read (Infrastructure/CarePopulation.cs writes its queries to
    /// match them to the letter): "looked after on a date" is a GiST index on the episode's period [start, end), asked
    /// whether the period contains the date; the flow's starts and ceases are partial B-trees of only those episodes, by
    /// their date. Short breaks (LS V3/V4) are left out of all three, as every indicator leaves them out. The B-tree on
    /// (start_date, end_date) stays for the other readers that filter by start date.
    /// </summary>
    public partial class CarePeriodIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // An end before the start (no rule lets one in) makes an empty period rather than an error. The included
            // columns let the count of children be read from the index alone (an index-only scan needs the columns the
            // expression is computed from, not only the child).
            migrationBuilder.Sql("""
                CREATE INDEX ix_episodes_care_period ON episodes
                    USING gist ((daterange(start_date, CASE WHEN end_date < start_date THEN start_date ELSE end_date END, '[)')))
                    INCLUDE (child_id, start_date, end_date)
                    WHERE legal_status NOT IN ('V3', 'V4');
                CREATE INDEX ix_episodes_care_starts ON episodes (start_date)
                    WHERE reason_for_new_episode = 'S' AND legal_status NOT IN ('V3', 'V4');
                CREATE INDEX ix_episodes_care_ceases ON episodes (end_date)
                    WHERE reason_episode_ceased IS NOT NULL AND reason_episode_ceased <> 'X1' AND legal_status NOT IN ('V3', 'V4');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_episodes_care_ceases;
                DROP INDEX ix_episodes_care_starts;
                DROP INDEX ix_episodes_care_period;
                """);
        }
    }
}
