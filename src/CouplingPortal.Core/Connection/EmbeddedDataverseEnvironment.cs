namespace CouplingPortal.Core.Connection;

/// <summary>
/// The Dataverse emulator the portal runs itself when no Dataverse:EnvironmentUrl is configured. The host sets it
/// once the emulator listens; everything else only reads it.
/// </summary>
public sealed class EmbeddedDataverseEnvironment
{
    private Uri? _environmentUrl;
    private string? _accessToken;

    /// <summary>True when the portal runs the emulator (decided at start from configuration), even before it listens.</summary>
    public bool IsInUse { get; private set; }

    public Uri? EnvironmentUrl => Volatile.Read(ref _environmentUrl);

    /// <summary>The bearer token the embedded emulator requires. Never displayed or logged.</summary>
    internal string? AccessToken => Volatile.Read(ref _accessToken);

    public void MarkInUse() => IsInUse = true;

    public void Started(Uri environmentUrl, string accessToken)
    {
        IsInUse = true;
        Volatile.Write(ref _accessToken, accessToken);
        Volatile.Write(ref _environmentUrl, environmentUrl);
    }

    /// <summary>True when <paramref name="url"/> is the running embedded emulator's environment URL.</summary>
    public bool IsEmbedded(string? url) =>
        EnvironmentUrl is { } embedded && Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var candidate)
        && Uri.Compare(WithSlash(candidate), embedded, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static Uri WithSlash(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
