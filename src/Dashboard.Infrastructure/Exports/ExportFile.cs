namespace Dashboard.Infrastructure.Exports;

/// <summary>A finished run's file as the deliveries send it: the CSV bytes, a download name and the email's headline numbers.</summary>
public sealed record ExportFile(long ExportId, long RunId, string ExportName, DateOnly Day, string FileName, byte[] Content, ExportTable Table, bool IsDigest = false);
