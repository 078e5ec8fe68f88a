// libFuzzer's entry point for programs with their own main (see https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library).
// Linked from the toolchain's libclang_rt.fuzzer when building with -sanitize=fuzzer.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
