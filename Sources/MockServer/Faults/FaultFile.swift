import JSONSchema

/// A faults file for `sessions serve --faults FILE`: a JSON array of the bodies
/// `POST /__admin/faults` takes, each with an optional `namespace` (default "default").
public enum FaultFile {
    /// Parses the file and registers every fault, or none when any is invalid.
    /// - Returns: how many faults were added.
    @discardableResult
    public static func load(_ bytes: [UInt8], into store: FaultStore) throws(AdminInputError) -> Int {
        guard case .array(let items) = try AdminBody.parse(bytes) else {
            throw AdminInputError(field: "faults", "must be a JSON array of fault objects")
        }
        // Check everything first, so a bad file leaves the store as it was.
        var parsed: [(JSONValue, String)] = []
        for (index, item) in items.enumerated() {
            guard case .object(var fields) = item else {
                throw AdminInputError(field: "faults[\(index)]", "must be an object")
            }
            var namespace = MockEnvironment.defaultNamespace
            let given = fields["namespace"]
            fields["namespace"] = nil
            switch given {
            case nil: break
            case .string(let name)? where !name.isEmpty: namespace = name
            default: throw AdminInputError(field: "faults[\(index)].namespace", "must be a non-empty string")
            }
            do throws(AdminInputError) {
                _ = try FaultRule(body: .object(fields), id: "check", namespace: namespace)
            } catch {
                throw AdminInputError(field: "faults[\(index)].\(error.field)", error.message)
            }
            parsed.append((.object(fields), namespace))
        }
        for (body, namespace) in parsed {
            _ = try store.add(body: body, namespace: namespace)
        }
        return parsed.count
    }
}
