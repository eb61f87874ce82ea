using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Dashboard.Infrastructure.Tests.Data;

/// <summary>
/// The bulk writer's SQL Server pieces that can be checked without a server: each bulk-written table's key draws
/// from the sequence the writer reserves ids from, and the statements it sends are well formed.
/// </summary>
public sealed class SqlServerBulkWriteTests
{
    public static TheoryData<Type> BulkWrittenTypes => new()
    {
        typeof(Source), typeof(Plan), typeof(AttributeField), typeof(CancellationReason), typeof(Customer), typeof(Subscription),
        typeof(SubscriptionState), typeof(SubscriptionAddOn), typeof(Charge), typeof(Refund), typeof(CancellationEvent),
    };

    [Theory]
    [MemberData(nameof(BulkWrittenTypes))]
    public void Ids_are_reserved_from_the_sequence_the_key_column_defaults_to(Type type)
    {
        using var db = DesignContexts.Create(DatabaseProvider.SqlServer);
        using var writer = new TableWriter(db, type);
        var designModel = db.GetService<IDesignTimeModel>().Model;
        var table = designModel.GetRelationalModel().FindTable(writer.Table, null)!;

        Assert.NotNull(writer.KeySequence);
        Assert.Equal($"NEXT VALUE FOR {writer.KeySequence}", table.FindColumn(writer.IdentityColumn!)!.DefaultValueSql);
        Assert.Contains(designModel.GetSequences(), s => $"[{s.Name}]" == writer.KeySequence);
    }

    [Fact]
    public void Sequences_are_reserved_in_one_range_and_restarted_only_forwards()
    {
        using var db = DesignContexts.Create(DatabaseProvider.SqlServer);
        using var writer = new TableWriter(db, typeof(Customer));

        Assert.Contains("sys.sp_sequence_get_range @sequence_name = @sequence, @range_size = @count, @range_first_value = @first OUTPUT",
            TableWriter.SqlServerReserveRangeSql, StringComparison.Ordinal);
        var restart = writer.SqlServerRestartSequenceSql("[Id]");
        Assert.Contains("SELECT MAX([Id]) FROM [customers]", restart, StringComparison.Ordinal);
        Assert.Contains("current_value", restart, StringComparison.Ordinal);
        Assert.Contains("N'ALTER SEQUENCE [CustomerSequence] RESTART WITH '", restart, StringComparison.Ordinal);
        Assert.Equal(restart.Count(c => c == '('), restart.Count(c => c == ')'));
    }

    [Fact]
    public void Other_providers_have_no_key_sequence_to_reserve_from()
    {
        using var sqlite = DesignContexts.Create(DatabaseProvider.Sqlite);
        using var postgres = DesignContexts.Create(DatabaseProvider.PostgreSql);

        Assert.Null(new TableWriter(sqlite, typeof(Customer)).KeySequence);
        Assert.Null(new TableWriter(postgres, typeof(Customer)).KeySequence);
        Assert.Empty(postgres.Model.GetSequences());
    }
}
