using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace CouplingPortal.DataverseEmulator.Tests;

/// <summary>A real emulator on a loopback port with a fake clock, and a plain HttpClient that talks to it like a Dataverse client.</summary>
public sealed class EmulatorTestHost : IAsyncDisposable
{
    public const string Token = "test-token";

    private EmulatorTestHost(RunningDataverseEmulator emulator, FakeTimeProvider clock)
    {
        Emulator = emulator;
        Clock = clock;
        Http = new HttpClient { BaseAddress = emulator.WebApiUrl };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Http.DefaultRequestHeaders.Add("OData-MaxVersion", "4.0");
        Http.DefaultRequestHeaders.Add("OData-Version", "4.0");
    }

    public RunningDataverseEmulator Emulator { get; }
    public FakeTimeProvider Clock { get; }
    public HttpClient Http { get; }

    public static readonly DateTimeOffset Start = new(2026, 3, 4, 10, 20, 30, 678, TimeSpan.Zero);

    public static async Task<EmulatorTestHost> StartAsync(Action<DataverseEmulatorOptions>? configure = null)
    {
        var options = new DataverseEmulatorOptions { AccessToken = Token };
        configure?.Invoke(options);
        var clock = new FakeTimeProvider(Start);
        var emulator = await DataverseEmulatorHost.StartAsync(options, clock);
        return new EmulatorTestHost(emulator, clock);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
            request.Content = new StringContent(body is string s ? s : ((JsonNode)body).ToJsonString(), Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> PostAsync(string url, JsonObject body, params (string, string)[] headers) => SendAsync(HttpMethod.Post, url, body, headers);
    public Task<HttpResponseMessage> PatchAsync(string url, JsonObject body, params (string, string)[] headers) => SendAsync(HttpMethod.Patch, url, body, headers);
    public Task<HttpResponseMessage> GetAsync(string url, params (string, string)[] headers) => SendAsync(HttpMethod.Get, url, null, headers);
    public Task<HttpResponseMessage> DeleteAsync(string url, params (string, string)[] headers) => SendAsync(HttpMethod.Delete, url, null, headers);

    /// <summary>Creates a row and returns its id (from OData-EntityId).</summary>
    public async Task<Guid> CreateAsync(string set, JsonObject body)
    {
        using var response = await PostAsync(set, body);
        if (response.StatusCode != HttpStatusCode.NoContent)
            throw new InvalidOperationException($"Create failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return IdFromEntityId(response);
    }

    public static Guid IdFromEntityId(HttpResponseMessage response)
    {
        var url = response.Headers.GetValues("OData-EntityId").Single();
        return Guid.Parse(url[(url.LastIndexOf('(') + 1)..url.LastIndexOf(')')]);
    }

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();

    public static async Task<(string Code, string Message)> ErrorAsync(HttpResponseMessage response)
    {
        var json = await JsonAsync(response);
        return ((string)json["error"]!["code"]!, (string)json["error"]!["message"]!);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
