using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Server.Features.Auth;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Staff;

/// <summary>
/// Issue 10 acceptance 4 on the wire (ADR 0017): a 400 keeps its <c>errors</c> (field → English messages, as before) and gains
/// the additive <c>errorCodes</c> (field → codes, the same fields), which a client turns into its own language.
/// </summary>
public sealed class FieldErrorCodesHttp_Issue10Tests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    [Fact]
    public async Task AWeakNewPassword_Is400_WithTheSameMessages_AndTheirCodes()
    {
        using var clerk = await Factory.CreateClientAsAsync("clerk.market");

        var problem = await HttpJson.ReadAsync(await clerk.PostAsJsonAsync("/api/auth/password", new { currentPassword = DemoUsers.Password, newPassword = "short" }),
            HttpStatusCode.BadRequest);

        Strings(problem["errors"]!["newPassword"]).Should().Equal($"A password has at least {PasswordPolicy.MinLength} characters.");
        Strings(problem["errorCodes"]!["newPassword"]).Should().Equal(FieldErrorCodes.PasswordTooShort);
    }

    [Fact]
    public async Task ABadNewUser_Is400_WithACodePerMessage_UnderTheSameFields()
    {
        var admin = await Driver.As("admin");
        const string body = """{"userName":"x","displayName":"","role":"Wizard"}""";

        var problem = await HttpJson.ReadAsync(await admin.PostAsync("/api/admin/users", new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        var codes = problem["errorCodes"]!.AsObject();
        codes.Select(c => c.Key).Should().Equal(errors.Select(e => e.Key), "the codes name the same fields, in the same order");
        foreach (var (field, messages) in errors)
        {
            Strings(codes[field]).Should().HaveSameCount(Strings(messages), "one code per message under {0}", field);
        }

        Strings(errors["userName"]).Should().Equal($"A user name has 2 to {UserAccount.MaxUserNameLength} characters.");
        Strings(codes["userName"]).Should().Equal(FieldErrorCodes.LengthRange);
        Strings(codes["displayName"]).Should().Equal(FieldErrorCodes.Required);
        Strings(codes["role"]).Should().Equal(FieldErrorCodes.RoleUnknown);
    }

    [Fact]
    public async Task ABadSuspensionDate_Is400_WithTheDatesCode_AndTheCommandsOwn_AndNothingChanges()
    {
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var head = await Driver.As("head.market");

        var problem = await HttpJson.ReadAsync(await head.PostAsJsonAsync($"/api/cases/{id}/suspensions",
            new { type = "ExpertReview", from = "2025-13-45", expectedWorkingDays = 5, notice = "" }), HttpStatusCode.BadRequest);
        var ended = await HttpJson.ReadAsync(await head.PostAsJsonAsync($"/api/cases/{id}/suspensions/{Guid.NewGuid()}/end", new { to = "yesterday" }),
            HttpStatusCode.BadRequest);

        Strings(problem["errors"]!["from"]).Should().Equal("'2025-13-45' is not a date (yyyy-MM-dd).");
        Strings(problem["errorCodes"]!["from"]).Should().Equal(FieldErrorCodes.DateInvalid);
        Strings(problem["errorCodes"]!["notice"]).Should().Equal(FieldErrorCodes.SuspensionNoticeRequired);
        Strings(ended["errorCodes"]!["to"]).Should().Equal(FieldErrorCodes.DateInvalid);
        var clocks = await HttpJson.ReadAsync(await head.GetAsync($"/api/cases/{id}/clocks"), HttpStatusCode.OK);
        clocks.ToJsonString().Should().NotContain("ExpertReview", "a refused suspension changes nothing");
    }

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToList();
}
