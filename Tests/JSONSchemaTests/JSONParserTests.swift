import JSONSchema
import Testing
