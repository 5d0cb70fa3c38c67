import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// libgomp (linked through Tesseract and OpenBLAS, and whisper.cpp's own copy) busy-waits by
/// default and collapses on a busy 2-core machine. It reads `OMP_WAIT_POLICY` once, when it is
/// loaded — before `main` runs — so a process started without it re-executes itself with it.
enum PassiveOpenMP {
    static func ensure() {
        guard getenv("OMP_WAIT_POLICY") == nil else { return }
        setenv("OMP_WAIT_POLICY", "PASSIVE", 1)
        let arguments = CommandLine.arguments
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", &argv)
        // exec failed (no /proc): carry on; whisper.cpp's copy still reads the variable set above.
        for pointer in argv { free(pointer) }
    }
}
