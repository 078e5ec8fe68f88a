import Foundation
import NXRuntime

/// Nuxeo's redaction of configuration values (`ConfigurationPropertiesJsonWriter` + `Redactor`): a key naming a secret
/// shows `***`; other values have credentials masked (AWS and GCP keys, `…password…=value` pairs, `user:pass@` in URLs).
enum ConfigurationRedaction {
    static let placeholder = "***"
    static let secretKeys = ["password", "token", "secret", "metrics.datadog.apikey", "server.status.key"]
    static let rules: [(NSRegularExpression, String)] = [
        (#"(A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)([A-Z0-9]{3})[A-Z0-9]{9}([A-Z0-9]{4})"#, "$1$2-AWS_KEY-$3"),
        (#"(AIza[0-9A-Za-z\-_]{3})[0-9A-Za-z\-_]{28}([0-9A-Za-z\-_]{4})"#, "$1-GCP_KEY-$2"),
        (#"(?i)(\S*password\S*)=([^\s,]+)"#, "$1=***"),
        (#"(.+://)([^:]+:[^@]+)(@.+)"#, "$1***:***$3"),
    ].compactMap { pattern, template in (try? NSRegularExpression(pattern: pattern)).map { ($0, template) } }

    /// The properties as the API shows them, sorted by key.
    static func redacted(_ properties: [String: String]) -> JSONObject {
        JSONObject(properties.keys.sorted().map { key in (key, JSONValue.string(value(key, properties[key] ?? ""))) })
    }

    static func value(_ key: String, _ value: String) -> String {
        let lower = key.lowercased()
        if secretKeys.contains(where: { lower.contains($0) }) { return placeholder }
        var text = value
        for (regex, template) in rules {
            text = regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
        return text
    }
}
