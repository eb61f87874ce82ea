using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Dashboard.Infrastructure.Data;

/// <summary>
/// A query compiled once per model (EF.CompileAsyncQuery) for paths that run on every request. EF refuses to run a
/// compiled query against another model than the one it was compiled for, and one process can hold two (SQLite and
/// PostgreSQL stores side by side in tests, a migration tool), so each model gets its own compiled delegate.
/// </summary>
public sealed class CompiledQuery<TDelegate>(Func<TDelegate> compile)
    where TDelegate : class
{
    private readonly ConditionalWeakTable<IModel, TDelegate> byModel = new();

    public TDelegate For(DbContext db) => byModel.GetValue(db.Model, _ => compile());
}
