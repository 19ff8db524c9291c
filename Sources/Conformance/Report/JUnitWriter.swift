/// JUnit XML, one `testcase` per requirement, grouped in a `testsuite` per API: failures
/// for `documented` deviations, and for `inferred` ones too under `--strict` (otherwise
/// they are reported as `system-out` warnings); `skipped` with its reason.
public enum JUnitWriter {
    public static func xml(_ report: ConformanceReport) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let all = report.requirements
        let failures = all.filter { isFailure($0, strict: report.strict) }.count
        out += "<testsuites name=\"sessions-conformance\" tests=\"\(all.count)\" failures=\"\(failures)\">\n"
        for api in report.apis {
            let cases = all.filter { $0.api == api }
            let suiteFailures = cases.filter { isFailure($0, strict: report.strict) }.count
            let skipped = cases.filter { $0.verdict == .skipped }.count
            out +=
                "  <testsuite name=\"\(escape(api))\" tests=\"\(cases.count)\" failures=\"\(suiteFailures)\" skipped=\"\(skipped)\">\n"
            if let version = report.toolVersion {
                let property = "<property name=\"sessions.version\" value=\"\(escape(version))\"/>"
                out += "    <properties>\(property)</properties>\n"
            }
            for requirement in cases {
                out += testcase(requirement, api: api, strict: report.strict)
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    private static func isFailure(_ requirement: RequirementResult, strict: Bool) -> Bool {
        requirement.verdict == .failed || (strict && requirement.verdict == .warned)
    }

    private static func testcase(_ requirement: RequirementResult, api: String, strict: Bool) -> String {
        let open =
            "    <testcase classname=\"\(escape(api)).\(escape(requirement.level))\" name=\"\(escape(requirement.id))\""
        let details = requirement.deviations.map { deviation in
            "\(deviation.scenario) / \(deviation.step)#\(deviation.iteration)\nexpected: \(deviation.expected)\nactual: \(deviation.actual)\nrepro: \(deviation.reproducer)"
        }.joined(separator: "\n\n")
        switch requirement.verdict {
        case .passed:
            return open + "/>\n"
        case .skipped:
            return open
                + ">\n      <skipped message=\"\(escape(requirement.reason ?? "not checked"))\"/>\n    </testcase>\n"
        case .failed, .warned:
            let message =
                "\(requirement.statement) (\(requirement.level) by \(requirement.basis): \(requirement.source)) Why: \(requirement.rationale)"
            if isFailure(requirement, strict: strict) {
                return open
                    + ">\n      <failure message=\"\(escape(message))\">\(escape(details))</failure>\n    </testcase>\n"
            }
            return open
                + ">\n      <system-out>WARNING: \(escape(message))\n\(escape(details))</system-out>\n    </testcase>\n"
        }
    }

    /// Escapes text for XML 1.0 content and attributes; characters XML 1.0 cannot hold at
    /// all (most C0 controls) become U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t", "\r": out += "&#\(scalar.value);"
            default:
                let v = scalar.value
                let allowed = v >= 0x20 && !(0xFFFE...0xFFFF).contains(v)
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
