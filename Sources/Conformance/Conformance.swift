/// The conformance runner. (Filled in by its issue.)
public enum ConformanceModule {}
