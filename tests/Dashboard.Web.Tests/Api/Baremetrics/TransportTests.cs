using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Infrastructure.Data;

namespace Dashboard.Web.Tests.Api.Baremetrics;

/// <summary>
/// What reaches the API before a body is read: <c>/v1</c> is the same API as <c>/api/v1</c> (same key rules, never a
/// redirect to the UI), a body neither JSON nor form-encoded is a 415, and every error carries Baremetrics' <c>error</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TransportTests(ApiServers servers)
{
    [Theory]
    [MemberData(nameof(BaremetricsForms.BasePaths), MemberType = typeof(BaremetricsForms))]
    public async Task Without_a_key_the_answer_is_401_problem_details_not_a_redirect(string basePath)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var client = server.Client(null);

        var response = await client.GetAsync(basePath + "/sources");

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized, "authorization");
        Assert.Equal("/", response.RequestMessage!.RequestUri!.AbsolutePath[..1]);
        Assert.EndsWith(basePath + "/sources", response.RequestMessage.RequestUri.AbsolutePath, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem["error"]!.GetValue<string>()));
    }

    [Theory]
    [MemberData(nameof(BaremetricsForms.BasePaths), MemberType = typeof(BaremetricsForms))]
    public async Task A_read_only_key_gets_403_on_writes_under_either_base_path(string basePath)
    {
        var api = await servers.SessionAsync(DatabaseProvider.Sqlite);
        using var reader = api.Server.Client(api.Server.ReadKey);

        var problem = await ApiAssert.ProblemAsync(
            await reader.PostAsJsonAsync($"{basePath}/{api.SourceId}/customers", new { oid = "c1" }), HttpStatusCode.Forbidden, "authorization");

        Assert.False(string.IsNullOrEmpty(problem["error"]!.GetValue<string>()));
    }

    [Theory]
    [MemberData(nameof(BaremetricsForms.BasePaths), MemberType = typeof(BaremetricsForms))]
    public async Task Both_base_paths_serve_the_same_objects(string basePath)
    {
        var api = await servers.SessionAsync(DatabaseProvider.Sqlite);
        await api.PostOkAsync(api.Path("customers"), new { oid = "c1", name = "Ada" });

        var viaBase = await ApiAssert.StatusAsync(await api.Client.GetAsync($"{basePath}/{api.SourceId}/customers/c1"), HttpStatusCode.OK);

        Assert.Equal((await api.GetOkAsync(api.Path("customers/c1"))).ToJsonString(), viaBase.ToJsonString());
    }

    [Theory]
    [InlineData("/api/v1", "text/plain")]
    [InlineData("/v1", "application/xml")]
    [InlineData("/v1", "multipart/form-data; boundary=x")]
    public async Task A_body_neither_JSON_nor_form_encoded_is_a_415_and_nothing_is_stored(string basePath, string contentType)
    {
        var api = await servers.SessionAsync(DatabaseProvider.Sqlite);
        using var content = new StringContent("oid=c1", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var problem = await ApiAssert.ProblemAsync(
            await api.Client.PostAsync($"{basePath}/{api.SourceId}/customers", content), HttpStatusCode.UnsupportedMediaType, "content_type");

        Assert.Contains("content_type", problem["error"]!.GetValue<string>(), StringComparison.Ordinal);
        await ApiAssert.ProblemAsync(await api.Client.GetAsync(api.Path("customers/c1")), HttpStatusCode.NotFound, "oid");
    }

    [Theory]
    [MemberData(nameof(BaremetricsForms.BasePaths), MemberType = typeof(BaremetricsForms))]
    public async Task An_unknown_path_is_a_404_problem_with_an_error_member(string basePath)
    {
        var api = await servers.SessionAsync(DatabaseProvider.Sqlite);

        var problem = await ApiAssert.ProblemAsync(await api.Client.GetAsync(basePath + "/no/such/thing?x=1"), HttpStatusCode.NotFound, "path");

        Assert.Contains("path", problem["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_field_name_that_cannot_be_read_is_a_400_naming_it()
    {
        var api = await servers.SessionAsync(DatabaseProvider.Sqlite);
        using var form = new FormUrlEncodedContent([new("oid", "c1"), new("name[", "Ada")]);

        await ApiAssert.ProblemAsync(await api.Client.PostAsync(api.Path("customers"), form), HttpStatusCode.BadRequest, "name[");
    }

    [Fact]
    public async Task A_form_field_sent_empty_clears_it_like_json_null()
    {
        var api = await servers.SessionAsync(DatabaseProvider.Sqlite);
        await api.PostOkAsync(api.Path("customers"), new { oid = "c1", name = "Ada", email = "ada@example.com" });
        using var form = new FormUrlEncodedContent([new("name", string.Empty)]);

        var put = await ApiAssert.StatusAsync(await api.Client.PutAsync("/v1/" + api.SourceId + "/customers/c1", form), HttpStatusCode.OK);

        Assert.Null(put["customer"]!["name"]);
        Assert.Equal("ada@example.com", put["customer"]!["email"]!.GetValue<string>());
    }
}
