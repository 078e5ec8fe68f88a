import NXCore
import NXExpression
import Synchronization

/// `Fn` in an expression (Nuxeo's `CoreFunctions`), reduced to the user lookups chains use: `getEmail(name)`,
/// `getEmails(names)`, `getPrincipal(name)`. Expressions evaluate synchronously, so the users are read beforehand:
/// recording evaluations note the names asked for that are not read yet (answering as if unknown), they are read, until
/// no new name comes up; the real evaluation answers from them (expressions have no side effects).
struct FunctionsObject: ExpressionObject {
    /// The users read, by name (nil: no such user).
    let users: [String: UserRecord?]
    /// Where the first evaluation records the names asked for; nil once the users are read.
    let recording: Recorder?

    /// The names asked for during a recording evaluation.
    final class Recorder: Sendable {
        let names = Mutex<Set<String>>([])
    }
    /// Most users one expression may look up.
    static let maxLookups = 100
    /// Most recording passes before the real evaluation.
    static let maxPasses = 4

    var kindName: String { "Fn" }

    init(users: [String: UserRecord?] = [:], recording: Bool) {
        self.users = users
        self.recording = recording ? Recorder() : nil
    }

    /// The names the first evaluation asked for.
    var requested: Set<String> { recording?.names.withLock { $0 } ?? [] }

    func call(_ method: String, _ arguments: [ExpressionValue]) throws(ExpressionError) -> ExpressionValue {
        switch (method, arguments.first) {
        case ("getEmail", let name?):
            return email(Self.userName(name))
        case ("getEmails", .list(let names)?):
            return .list(names.map { email(Self.userName($0)) }.filter { if case .null = $0 { false } else { true } })
        case ("getPrincipal", let name?):
            let user = user(Self.userName(name))
            guard let user else { return .null }
            return .object(PrincipalObject(principal: Principal(name: user.name, groups: user.allGroups, isAdministrator: user.isAdministrator),
                                           user: user))
        default:
            throw ExpressionError("Method '\(method)' is not available on Fn")
        }
    }

    /// A user id as actors and participants write it (`user:john`) or bare.
    static func userName(_ value: ExpressionValue) -> String {
        let text = value.text
        return text.hasPrefix("user:") ? String(text.dropFirst(5)) : text
    }

    func user(_ name: String) -> UserRecord? {
        if let recording, users[name] == nil {
            recording.names.withLock { if $0.count < Self.maxLookups { $0.insert(name) } }
        }
        return users[name] ?? nil
    }

    func email(_ name: String) -> ExpressionValue {
        user(name)?.email.map(ExpressionValue.string) ?? .null
    }
}
