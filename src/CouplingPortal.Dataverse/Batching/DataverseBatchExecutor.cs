using System.Buffers;
using System.Net;
using System.Text.Json.Nodes;
using CouplingPortal.Dataverse.Errors;

namespace CouplingPortal.Dataverse.Batching;

/// <summary>
/// Splits batch items into $batch requests of at most MaxOperationsPerBatch operations, sends them with bounded
/// parallelism and maps every response part back to its operation (reference §5).
/// </summary>
internal sealed class DataverseBatchExecutor(DataverseClient client, BatchOptions options)
{
    public async Task<BatchResult> ExecuteAsync(IReadOnlyList<BatchItem> items, CancellationToken ct)
    {
        if (options.MaxOperationsPerBatch is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxOperationsPerBatch must be between 1 and 1000 (Dataverse's limit).");
        }

        var chunks = Split(items);
        var results = new BatchOperationResult[items.Sum(i => i.OperationCount)];
        if (chunks.Count == 0)
        {
            return new BatchResult(results, 0);
        }

        var parallelism = await ParallelismAsync(ct).ConfigureAwait(false);
        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (chunk, token) =>
            {
                foreach (var result in await SendChunkAsync(chunk, token).ConfigureAwait(false))
                {
                    results[result.Index] = result;
                }
            }).ConfigureAwait(false);
        return new BatchResult(results, chunks.Count);
    }

    private async Task<int> ParallelismAsync(CancellationToken ct)
    {
        if (options.MaxParallelism is { } fixedParallelism)
        {
            return Math.Clamp(fixedParallelism, 1, 52);
        }

        // The hint arrives on every response; learn it with WhoAmI if this client has not talked to the server yet.
        if (client.Gate.DegreeOfParallelismHint is null)
        {
            await client.WhoAmIAsync(ct).ConfigureAwait(false);
        }

        return Math.Clamp(Math.Min(client.Gate.DegreeOfParallelismHint ?? 4, client.Options.MaxParallelism), 1, 52);
    }

    private sealed record Chunk(IReadOnlyList<BatchItem> Items, int FirstIndex);

    private List<Chunk> Split(IReadOnlyList<BatchItem> items)
    {
        var chunks = new List<Chunk>();
        var current = new List<BatchItem>();
        int count = 0, firstIndex = 0, index = 0;
        foreach (var item in items)
        {
            if (item.OperationCount > options.MaxOperationsPerBatch)
            {
                throw new ArgumentException($"A change set of {item.OperationCount} operations exceeds the batch limit of {options.MaxOperationsPerBatch}.", nameof(items));
            }

            if (count + item.OperationCount > options.MaxOperationsPerBatch)
            {
                chunks.Add(new Chunk(current, firstIndex));
                current = [];
                count = 0;
                firstIndex = index;
            }

            current.Add(item);
            count += item.OperationCount;
            index += item.OperationCount;
        }

        if (current.Count > 0)
        {
            chunks.Add(new Chunk(current, firstIndex));
        }

        return chunks;
    }

    private async Task<List<BatchOperationResult>> SendChunkAsync(Chunk chunk, CancellationToken ct)
    {
        using var request = client.NewRequest(HttpMethod.Post, "$batch");
        request.Headers.Remove("If-None-Match");
        request.Content = BatchWire.Write(client.WebApiUrl, chunk.Items, out _);
        if (options.ContinueOnError)
        {
            request.Headers.TryAddWithoutValidation("Prefer", "odata.continue-on-error");
        }

        HttpResponseMessage response;
        try
        {
            // Stop-on-error batches answer 400 with a multipart body (Microsoft's sample): accept and parse it.
            response = await client.SendAsync(request, ct, HttpStatusCode.BadRequest).ConfigureAwait(false);
        }
        catch (DataverseException ex)
        {
            return FailAll(chunk, ex);
        }

        using (response)
        {
            var contentType = response.Content.Headers.ContentType?.ToString() ?? "";
            if (!contentType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
            {
                // A whole-batch error (e.g. more than 1000 operations) comes back as plain JSON.
                return FailAll(chunk, await DataverseErrorReader.ReadAsync(response, ct).ConfigureAwait(false));
            }

            // Parsed from the bytes, copied once into a pooled array (the answer is buffered already).
            var length = (int)(response.Content.Headers.ContentLength ?? 0);
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 4096));
            try
            {
                var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    var read = 0;
                    while (true)
                    {
                        if (read == buffer.Length)
                        {
                            var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                            buffer.AsSpan(0, read).CopyTo(bigger);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = bigger;
                        }

                        var n = await stream.ReadAsync(buffer.AsMemory(read), ct).ConfigureAwait(false);
                        if (n == 0)
                        {
                            break;
                        }

                        read += n;
                    }

                    var parts = BatchWire.Read(buffer.AsSpan(0, read), BatchWire.BoundaryOf(contentType));
                    return Map(chunk, parts, DataverseClient.WasRetried(request));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static List<BatchOperationResult> FailAll(Chunk chunk, DataverseException error)
    {
        var results = new List<BatchOperationResult>();
        var index = chunk.FirstIndex;
        foreach (var item in chunk.Items)
        {
            for (var i = 0; i < item.OperationCount; i++)
            {
                results.Add(new BatchOperationResult(index++, (int?)error.StatusCode ?? 0, Executed: false, null, null, null, error));
            }
        }

        return results;
    }

    private static List<BatchOperationResult> Map(Chunk chunk, IReadOnlyList<BatchWire.Part> parts, bool retried)
    {
        var results = new List<BatchOperationResult>();
        var index = chunk.FirstIndex;
        var partIndex = 0;
        foreach (var item in chunk.Items)
        {
            var part = partIndex < parts.Count ? parts[partIndex++] : null;
            switch (item)
            {
                case BatchOperation op:
                    results.Add(part is null ? NotExecuted(index) : Result(index, op, part, retried));
                    index++;
                    break;

                case BatchChangeSet set when part?.Nested is { } nested:
                    for (var i = 0; i < set.Operations.Count; i++)
                    {
                        // Parts come back in request order (reference §5.1).
                        var inner = i < nested.Count ? nested[i] : null;
                        results.Add(inner is null ? NotExecuted(index) : Result(index, set.Operations[i], inner, retried));
                        index++;
                    }

                    break;

                case BatchChangeSet set:
                    // The change set failed as a whole and was rolled back: every operation carries that error.
                    var allCreates = set.Operations.All(o => o.CreatedId is not null && o.Method == HttpMethod.Post);
                    foreach (var op in set.Operations)
                    {
                        results.Add(part is null ? NotExecuted(index) : Result(index, op, part, retried && allCreates));
                        index++;
                    }

                    break;
            }
        }

        return results;
    }

    private static BatchOperationResult NotExecuted(int index) => new(index, 0, Executed: false, null, null, null, null);

    private static BatchOperationResult Result(int index, BatchOperation op, BatchWire.Part part, bool retried)
    {
        var status = (int)part.Status;
        part.Headers.TryGetValue("ETag", out var etag);
        part.Headers.TryGetValue("OData-EntityId", out var entityId);
        var id = DataverseClient.GuidFromEntityId(entityId) ?? op.CreatedId;
        if (status is >= 200 and < 400)
        {
            var body = part.Body.Length > 0 ? JsonNode.Parse(part.Body) as JsonObject : null;
            etag ??= body?["@odata.etag"]?.GetValue<string>();
            return new BatchOperationResult(index, status, Executed: true, id, etag, body, null);
        }

        var error = DataverseErrorReader.FromBody(part.Status, part.Body);

        // A retried $batch whose first attempt committed: our own client-generated id already exists (see DataverseResiliencePipeline).
        if (retried && op.Method == HttpMethod.Post && op.CreatedId is not null && error.ErrorCode == DataverseErrorCodes.DuplicateRecord)
        {
            return new BatchOperationResult(index, (int)HttpStatusCode.NoContent, Executed: true, op.CreatedId, null, null, null);
        }

        return new BatchOperationResult(index, status, Executed: true, id, null, null, error);
    }
}
