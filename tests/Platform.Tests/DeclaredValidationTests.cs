using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

using static Platform.Tests.DeclaredRules;

namespace Platform.Tests;

/// <summary>
/// Request shape is declared on the request records and checked by .NET's minimal-API validation (issue 27): the
/// OpenAPI documents show the same rules (required fields, bounds, lengths), and refusals name the JSON field.
/// </summary>
[Collection(PlatformTestGroup.Name)]
public sealed class DeclaredValidationTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("finance", "SetBudgetRequest", "amount", "amount", "approvedOn")]
    [InlineData("inspections", "CreateInspectionRequest", "type", "reference", "onSiteFrom")]
    [InlineData("workforce", "CreatePostRequest", "grade", "fte", "effectiveFrom")]
    public async Task The_OpenAPI_document_shows_the_declared_rules_of_a_request(string service, string schemaName, string requiredField, string bounded, string date)
    {
        var schema = await platform.SchemaAsync(service, schemaName);
        var required = schema["required"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.Contains(requiredField, required);
        Assert.Contains(date, required);
        var properties = schema["properties"]!.AsObject();
        Assert.NotNull(properties[bounded]!["minimum"] ?? properties[bounded]!["maxLength"]);
        Assert.Contains("A date between", properties[date]!["description"]?.GetValue<string>() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Optional_fields_are_not_listed_as_required_and_bounds_and_lengths_are_shown()
    {
        var budget = await platform.SchemaAsync("finance", "SetBudgetRequest");
        Assert.DoesNotContain("reason", budget["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(500, budget["properties"]!["reason"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(0, budget["properties"]!["amount"]!["minimum"]!.GetValue<decimal>());
        Assert.Equal(1_000_000_000, budget["properties"]!["amount"]!["maximum"]!.GetValue<decimal>());

        var post = await platform.SchemaAsync("workforce", "CreatePostRequest");
        Assert.Equal(0.01m, post["properties"]!["fte"]!["minimum"]!.GetValue<decimal>());
        Assert.Equal(1m, post["properties"]!["fte"]!["maximum"]!.GetValue<decimal>());

        var inspection = await platform.SchemaAsync("inspections", "CreateInspectionRequest");
        Assert.DoesNotContain("reference", inspection["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(100, inspection["properties"]!["reference"]!["maxLength"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/api/finance/forecast")]
    [InlineData("/api/finance/commitments/summary")]
    [InlineData("/api/finance/reports/unit-costs")]
    public async Task A_missing_required_query_parameter_is_refused_by_name_before_the_handler_runs(string path)
    {
        using var response = await platform.Gateway.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("This field is required.", (await ErrorsAsync(response))["financialYear"][0]);
    }

    [Fact]
    public async Task Refusals_name_the_JSON_field_in_camelCase_including_nested_ones_with_the_rule_in_words()
    {
        using var missing = await platform.Gateway.PostAsJsonAsync("/api/finance/budgets", new { amount = 1.234m, approvedOn = "1999-01-01" });
        var errors = await ErrorsAsync(missing);
        Assert.Equal("This field is required.", errors["financialYear"][0]);
        Assert.Equal("Amounts are in pounds and pence (at most 2 decimal places).", errors["amount"][0]);
        Assert.Equal("Must be between 2000-04-01 and 2101-03-31.", errors["approvedOn"][0]);
        Assert.DoesNotContain(errors.Keys, key => char.IsUpper(key[0]));

        using var nested = await platform.Gateway.PostAsJsonAsync("/api/finance/virements", new
        {
            financialYear = 2027, reason = "Move", lines = new object[] { new { costCentreCode = "A", budgetLineCode = "nope", amount = 1m }, new { amount = -1m } },
        });
        var nestedErrors = await ErrorsAsync(nested);
        Assert.StartsWith("'nope' is not a valid code.", nestedErrors["lines[0].budgetLineCode"][0], StringComparison.Ordinal);
        Assert.Equal("This field is required.", nestedErrors["lines[1].costCentreCode"][0]);

        using var paging = await platform.Gateway.GetAsync("/api/finance/cost-centres?pageSize=0");
        Assert.Equal("Must be between 1 and 200.", (await ErrorsAsync(paging))["pageSize"][0]);
    }
}
