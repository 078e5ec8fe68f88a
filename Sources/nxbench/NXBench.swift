import ArgumentParser

/// `nxbench`: the workloads and ceilings `make bench` runs (see bench/run.py).
@main
struct NXBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nxbench", abstract: "Benchmark workloads for nx.",
        subcommands: [Load.self, Plain.self, RawInsert.self, Create.self, Query.self, Workflows.self, Mixed.self])
}
