using System.Text.Json;
using System.Text.Json.Serialization;
using CouplingPortal.Core.Integration.Matching;
using CouplingPortal.Core.Integration.Synchronization;
using CouplingPortal.Core.Integration.Uncoupling;

namespace CouplingPortal.Core.Integration.Jobs;

/// <summary>The payload of a queue entry: the kind's request as JSON, enums as their names (readable in the table, stable across reorderings).</summary>
public static class IntegrationJobPayload
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        IgnoreReadOnlyProperties = true,
    };

    /// <summary>The request type each kind carries.</summary>
    public static Type TypeOf(IntegrationJobKind kind) => kind switch
    {
        IntegrationJobKind.Synchronization => typeof(SyncRequest),
        IntegrationJobKind.MatchBasedCoupling => typeof(MatchRequest),
        IntegrationJobKind.Uncoupling => typeof(UncoupleRequest),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Write(IntegrationJobKind kind, object payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var type = TypeOf(kind);
        if (payload.GetType() != type)
            throw new ArgumentException($"A {kind} job carries a {type.Name}, not a {payload.GetType().Name}.", nameof(payload));
        return JsonSerializer.Serialize(payload, type, Options);
    }

    /// <summary>The entry's request; throws <see cref="InvalidOperationException"/> when the JSON is not one.</summary>
    public static T Read<T>(IntegrationJobRequest request) where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (TypeOf(request.Kind) != typeof(T))
            throw new InvalidOperationException($"A {request.Kind} job carries a {TypeOf(request.Kind).Name}, not a {typeof(T).Name}.");
        try
        {
            return JsonSerializer.Deserialize<T>(request.PayloadJson, Options)
                ?? throw new InvalidOperationException(JobText.Message("PayloadInvalid", "null"));
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException(JobText.Message("PayloadInvalid", ex.Message), ex);
        }
    }
}
