using Microsoft.Extensions.Options;

namespace CouplingPortal.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The "Database" section of appsettings.json.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>"Sqlite" (default) or "Postgres". Kept as text so a typo fails with a message naming the key.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>SQLite only: the folder of the database file; relative paths are relative to the app base directory.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Required for Postgres. For SQLite it overrides the file in <see cref="DataFolder"/> when set.</summary>
    public string? ConnectionString { get; set; }

    public const string SqliteFileName = "couplingportal.db";

    public DatabaseProvider ParsedProvider =>
        Enum.TryParse<DatabaseProvider>(Provider, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException(DatabaseOptionsValidator.ProviderMessage);

    /// <summary>The full path of the SQLite database file.</summary>
    public string SqliteFilePath =>
        Path.Combine(Path.IsPathRooted(DataFolder) ? DataFolder : Path.Combine(AppContext.BaseDirectory, DataFolder), SqliteFileName);
}

public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public const string ProviderMessage = "Database:Provider must be 'Sqlite' or 'Postgres'.";

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Provider)
            || !Enum.TryParse<DatabaseProvider>(options.Provider, ignoreCase: true, out var provider)
            || !Enum.IsDefined(provider)
            || int.TryParse(options.Provider, out _))
        {
            failures.Add(ProviderMessage + $" It is '{options.Provider}'.");
            return ValidateOptionsResult.Fail(failures);
        }

        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
            failures.Add("Database:ConnectionString is required when Database:Provider is Postgres.");

        if (provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            if (string.IsNullOrWhiteSpace(options.DataFolder))
                failures.Add("Database:DataFolder is required when Database:Provider is Sqlite.");
            else if (options.DataFolder.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
                failures.Add($"Database:DataFolder '{options.DataFolder}' is not a valid folder path.");
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                _ = provider == DatabaseProvider.Postgres
                    ? new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString).ConnectionString
                    : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).ConnectionString;
            }
            catch (ArgumentException ex)
            {
                failures.Add($"Database:ConnectionString is not a valid {provider} connection string: {ex.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
