/// Server-Sent Events: encoding and a WHATWG-conformant parser. (Filled in by its issue.)
public enum EventStreamModule {}
