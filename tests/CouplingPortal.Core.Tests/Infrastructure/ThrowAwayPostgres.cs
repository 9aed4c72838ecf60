using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CouplingPortal.Testing;

/// <summary>
/// A PostgreSQL server for tests, shared by every test in the process. Uses the server named by the environment
/// variable COUPLINGPORTAL_TEST_POSTGRES when set (the test script starts one); otherwise starts a throw-away
/// cluster (initdb + pg_ctl as the postgres user, 127.0.0.1 on a free port, fsync off) on first use and stops it when
/// the process exits. Self-contained (Npgsql only) so other test projects can link this file:
/// &lt;Compile Include="..\CouplingPortal.Core.Tests\Infrastructure\ThrowAwayPostgres.cs" Link="Infrastructure\ThrowAwayPostgres.cs" /&gt;
/// </summary>
public static class ThrowAwayPostgres
{
    public const string EnvironmentVariable = "COUPLINGPORTAL_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> Server = new(StartOrUseConfiguredAsync);

    /// <summary>The connection string of the server's maintenance database ("postgres").</summary>
    public static Task<string> GetServerConnectionStringAsync() => Server.Value;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "couplingportal_test")
    {
        var server = await GetServerConnectionStringAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its pooled connections first.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using (var own = new NpgsqlConnection(connectionString))
            NpgsqlConnection.ClearPool(own);
        await using var connection = new NpgsqlConnection(await GetServerConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartOrUseConfiguredAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;

        var initdb = FindBinary("initdb");
        var pgCtl = FindBinary("pg_ctl");
        var root = Path.Combine(Path.GetTempPath(), "couplingportal-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
            await RunAsync("chown", ["postgres:postgres", root]);

        var data = Path.Combine(root, "data");
        await RunAsync(initdb, ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"], asPostgres);
        var port = FreePort();
        var serverOptions = $"-h 127.0.0.1 -p {port} -k {root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await RunAsync(pgCtl, ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o", serverOptions, "start"], asPostgres);

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAsync(pgCtl, ["-D", data, "-m", "immediate", "-w", "stop"], asPostgres).GetAwaiter().GetResult();
                Directory.Delete(root, recursive: true);
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Could not stop the throw-away PostgreSQL cluster in {root}: {ex.Message}");
            }
        };

        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    private static string FindBinary(string name)
    {
        var fromPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
        var fromDebian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(dir => Path.Combine(dir, "bin", name)).FirstOrDefault(File.Exists)
            : null;
        return fromPath ?? fromDebian ?? throw new InvalidOperationException(
            $"PostgreSQL tests need a server: set {EnvironmentVariable} to a connection string, or install PostgreSQL " +
            $"(Debian: apt-get install postgresql) so that '{name}' is in PATH or under /usr/lib/postgresql/<version>/bin.");
    }

    private static async Task RunAsync(string fileName, string[] arguments, bool asPostgres = false)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", fileName })
                start.ArgumentList.Add(argument);
        }
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"'{fileName} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}: {await error}{await output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
