/// Nuxeo's permissions and their groupings (`default-permissions-contrib.xml`).
public enum Permissions {
    /// Every permission, in Nuxeo's declaration order (compound ones first).
    public static let all = [
        "Everything", "Read", "Write", "ReadWrite", "ReadRemove", "Remove", "Browse", "ReadVersion", "ReadProperties", "ReadChildren",
        "ReadLifeCycle", "ReadSecurity", "ReviewParticipant", "WriteProperties", "AddChildren", "RemoveChildren", "WriteSecurity",
        "WriteLifeCycle", "WriteVersion", "Version", "ManageWorkflows", "Unlock", "RestrictedRead",
    ]

    /// The permissions a user chooses from when sharing a document.
    public static let userVisible = ["Read", "ReadWrite", "Everything"]

    /// What each compound permission contains.
    static let groups: [String: [String]] = [
        "Read": ["Browse", "ReadVersion", "ReadProperties", "ReadChildren", "ReadLifeCycle", "ReviewParticipant", "RestrictedRead"],
        "Write": ["AddChildren", "RemoveChildren", "WriteProperties", "WriteLifeCycle", "ManageWorkflows", "WriteVersion", "Version"],
        "ReadWrite": ["Read", "Write"],
        "ReadRemove": ["Read", "Remove"],
    ]

    /// Whether holding `held` gives `wanted` (`Everything` gives all; groups are expanded transitively).
    public static func implies(_ held: String, _ wanted: String) -> Bool {
        if held == wanted || held == "Everything" { return true }
        return (groups[held] ?? []).contains { implies($0, wanted) }
    }

    /// Whether `name` is a known permission.
    public static func isKnown(_ name: String) -> Bool { all.contains(name) }
}
