using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Jobs;
using Dashboard.Infrastructure.KeyRing;
using Dashboard.Infrastructure.Sources;
using Dashboard.Infrastructure.Storage;
using Dashboard.Web.Features.Import;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// The store, its jobs file, the key ring and uploads are created readable by the app's user only, the key ring can
/// be encrypted, and the start-up step warns about looser files and removes stale uploads.
/// </summary>
public sealed class DataAtRestTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"dashboard-at-rest-{Guid.NewGuid():N}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task The_default_store_its_wal_and_shm_and_the_jobs_file_are_0600_in_a_0700_data_folder()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes");
        var options = StoreServiceCollectionExtensions.ReadOptions(Configuration(), root);
        var jobs = JobStorageFactory.SqliteFile(options.ConnectionString);

        await using (var connection = new SqliteConnection(options.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);";
            await command.ExecuteNonQueryAsync();

            var store = Path.Combine(root, "data", "dashboard.db");
            Assert.Equal(PrivateFiles.FolderMode, Mode(Path.Combine(root, "data")));
            Assert.Equal(PrivateFiles.FileMode, Mode(store));
            Assert.Equal(PrivateFiles.FileMode, Mode(store + "-wal"));
            Assert.Equal(PrivateFiles.FileMode, Mode(store + "-shm"));
            Assert.Equal(Path.Combine(root, "data", "dashboard-hangfire.db"), jobs);
            Assert.Equal(PrivateFiles.FileMode, Mode(jobs));
        }
    }

    [Fact]
    public void Key_ring_files_are_0600_in_a_0700_folder_and_plain_xml_without_protection()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes");
        using var services = KeyRingServices(Configuration());

        var secret = services.GetRequiredService<SourceCredentialProtector>().Protect("sk_live_123");

        var keys = Path.Combine(root, "data", "keys");
        var file = Assert.Single(Directory.GetFiles(keys));
        Assert.EndsWith(".xml", file, StringComparison.Ordinal);
        Assert.Equal(PrivateFiles.FolderMode, Mode(keys));
        Assert.Equal(PrivateFiles.FileMode, Mode(file));
        Assert.Contains("<masterKey", File.ReadAllText(file), StringComparison.Ordinal);
        using var again = KeyRingServices(Configuration());
        Assert.Equal("sk_live_123", again.GetRequiredService<SourceCredentialProtector>().Unprotect<string>(secret));
    }

    [Fact]
    public void A_key_encryption_key_from_the_environment_encrypts_the_key_ring_and_is_needed_to_read_it()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using var services = KeyRingServices(Configuration(("DataProtection:KeyEncryptionKey", key)));

        var secret = services.GetRequiredService<SourceCredentialProtector>().Protect("sk_live_123");

        var text = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(root, "data", "keys"))));
        Assert.Contains("encryptedWithKeyEncryptionKey", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", text, StringComparison.Ordinal);
        using (var same = KeyRingServices(Configuration(("DataProtection:KeyEncryptionKey", key))))
        {
            Assert.Equal("sk_live_123", same.GetRequiredService<SourceCredentialProtector>().Unprotect<string>(secret));
        }

        using var without = KeyRingServices(Configuration());
        Assert.ThrowsAny<CryptographicException>(() => without.GetRequiredService<SourceCredentialProtector>().Unprotect<string>(secret));
        var other = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using var wrong = KeyRingServices(Configuration(("DataProtection:KeyEncryptionKey", other)));
        Assert.ThrowsAny<CryptographicException>(() => wrong.GetRequiredService<SourceCredentialProtector>().Unprotect<string>(secret));
    }

    [Fact]
    public void A_certificate_encrypts_the_key_ring()
    {
        var pfx = Path.Combine(root, "key-ring.pfx");
        Directory.CreateDirectory(root);
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Dashboard key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "pfx-pass"));
        }

        var settings = Configuration(("DataProtection:Certificate:Path", pfx), ("DataProtection:Certificate:Password", "pfx-pass"));
        using var services = KeyRingServices(settings);
        var secret = services.GetRequiredService<SourceCredentialProtector>().Protect("sk_live_123");

        var text = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(root, "data", "keys"))));
        Assert.Contains("EncryptedData", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", text, StringComparison.Ordinal);
        using var again = KeyRingServices(settings);
        Assert.Equal("sk_live_123", again.GetRequiredService<SourceCredentialProtector>().Unprotect<string>(secret));
    }

    [Theory]
    [InlineData("DataProtection:KeyEncryptionKey", "not base64!", "DataProtection:KeyEncryptionKey is not Base64")]
    [InlineData("DataProtection:KeyEncryptionKey", "c2hvcnQ=", "DataProtection:KeyEncryptionKey must be 32 bytes")]
    [InlineData("DataProtection:Certificate:Path", "/nowhere/key-ring.pfx", "DataProtection:Certificate:Path: no file at /nowhere/key-ring.pfx")]
    public void A_bad_protection_setting_is_refused_naming_it(string key, string value, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => KeyRingServices(Configuration((key, value))));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_start_stale_uploads_are_deleted_and_files_open_to_others_are_named_in_a_warning()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes");
        var options = StoreServiceCollectionExtensions.ReadOptions(Configuration(), root);
        var store = Path.Combine(root, "data", "dashboard.db");
        SetMode(store, Mode(store) | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var uploads = new ImportUploads(Path.Combine(root, "data", "imports"));
        await using (var stale = uploads.Create())
        {
            await stale.WriteAsync("left by a crash"u8.ToArray());
        }

        var repository = new PrivateKeyRingRepository(Path.Combine(root, "data", "keys"));
        var logs = new ListLogger();
        var startup = new DataAtRestStartup(options, repository, uploads, logs);

        await startup.StartAsync(CancellationToken.None);

        Assert.Empty(Directory.GetFiles(uploads.Folder));
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains(store, warning.Message, StringComparison.Ordinal);
        Assert.Contains("644", warning.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", warning.Message, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("Deleted 1 upload", StringComparison.Ordinal));
    }

    private static UnixFileMode Mode(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("Unix file modes") : File.GetUnixFileMode(path);

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Unix file modes");
        }

        File.SetUnixFileMode(path, mode);
    }

    private ServiceProvider KeyRingServices(IConfiguration configuration) =>
        new ServiceCollection().AddSourceCredentials(configuration, root).BuildServiceProvider();

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private sealed class ListLogger : ILogger<DataAtRestStartup>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
