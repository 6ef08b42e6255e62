namespace Ferry.Core.Storage;

public sealed record IndexUsage(string Name, long Operations, DateTime? Since);
