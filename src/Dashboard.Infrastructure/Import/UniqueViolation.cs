using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dashboard.Infrastructure.Import;

/// <summary>Recognizes a unique-key violation on either provider: the sign that another writer inserted the same row first.</summary>
internal static class UniqueViolation
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
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                case SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey }:
                    return true;
            }
        }

        return false;
    }
}
