import EventStream
import Testing
