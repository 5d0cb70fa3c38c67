import CWhisper
import LoreCore

/// The whisper.cpp shared library, loaded once per process with `dlopen`.
///
/// Loading sets `OMP_WAIT_POLICY=PASSIVE` first: libgomp (pulled in by ggml) reads it when it is
/// loaded, and its default busy-waiting collapses throughput on a machine shared with other work.
public enum WhisperLibrary {
    /// Loads the library at `path` (later calls are free). Throws `model_load_failed` with the
    /// loader's reason when the file is missing, incompatible or not whisper.cpp 1.8.5.
    public static func load(path: String) throws {
        var error = [CChar](repeating: 0, count: 512)
        guard lore_whisper_load(path, &error, error.count) == 0 else {
            throw LoreError(.modelLoad, String(cBuffer: error))
        }
    }

    /// whisper.cpp's version once loaded ("1.8.5").
    public static var version: String? { lore_whisper_version().map { String(cString: $0) } }

    /// ggml's CPU feature summary once loaded (AVX2, AVX512, …), for benchmark reports.
    public static var systemInfo: String? { lore_whisper_system_info().map { String(cString: $0) } }

    /// Whether whisper knows an ISO 639-1 code (needs the library loaded).
    public static func knowsLanguage(_ code: String) -> Bool { lore_whisper_language_id(code) >= 0 }
}
