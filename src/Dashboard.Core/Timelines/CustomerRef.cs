namespace Dashboard.Core.Timelines;

/// <summary>A customer's place: chunk and position in it.</summary>
internal readonly record struct CustomerRef(CustomerChunk Chunk, int Index);
