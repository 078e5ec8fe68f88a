import NXSpec

/// The spec front end (YAML through Yams → raw definitions → validated `SpecModel`) on one file. Any text must end in
/// a model or in diagnostics; a finding is a crash, a hang, or a failure without a diagnostic, or with diagnostics
/// out of order or pointing before the first line.
let fuzzSpec: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { start, count in
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    switch SpecCompiler.compile([SpecFile(path: "Spec/fuzz.yaml", text: text)]) {
    case .success:
        break
    case .failure(let errors):
        let diagnostics = errors.diagnostics
        guard !diagnostics.isEmpty else { fatalError("failure without a diagnostic for \(text.debugDescription)") }
        guard diagnostics == diagnostics.sorted() else { fatalError("diagnostics out of order: \(errors)") }
        for diagnostic in diagnostics where diagnostic.location.line < 1 || diagnostic.location.column < 1 {
            fatalError("diagnostic before the first line: \(diagnostic) for \(text.debugDescription)")
        }
    }
    return 0
}
