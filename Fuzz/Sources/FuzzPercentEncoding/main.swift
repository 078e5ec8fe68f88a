import CLibFuzzer
import Foundation

// libFuzzer runs `fuzzPercentEncoding` on every input; its command-line options apply (-max_total_time, -runs, corpus directories).
// SwiftPM names this program's entry point itself, so libFuzzer is driven from here rather than from its own main.
var arguments = CommandLine.argc
var values: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &values, fuzzPercentEncoding))
