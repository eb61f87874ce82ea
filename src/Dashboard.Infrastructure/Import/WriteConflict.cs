using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dashboard.Infrastructure.Import;

/// <summary>
/// Recognizes a write that lost a race with another writer: a unique-key violation (someone inserted the same row,
/// or the same subscription state instant, first) or, on PostgreSQL, a serialization failure or deadlock. Starting
/// the import over with fresh reads resolves all of them.
/// </summary>
public static class WriteConflict
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    public static bool Is(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }:
                case SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey }:
                    return true;
            }
        }

        return false;
    }
}
