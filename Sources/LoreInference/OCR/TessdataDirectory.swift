import Foundation
import LoreCore

public extension ErrorCode {
    /// A requested OCR language has no `.traineddata` file installed (or is not a language code).
    static let ocrLanguageUnavailable = ErrorCode("ocr_language_unavailable", .invalidInput)
    /// Tesseract's data folder is missing or a model failed to load.
    static let ocrEngineUnavailable = ErrorCode("ocr_engine_unavailable", .unavailable)
}

/// The folder holding Tesseract's `*.traineddata` models.
///
/// Order: an explicit path (only that one); `TESSDATA_PREFIX` (the folder itself or its `tessdata/` child);
/// Debian's and other common install locations.
public struct TessdataDirectory: Sendable, Equatable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    static let commonLocations = [
        "/usr/share/tesseract-ocr/5/tessdata",
        "/usr/share/tesseract-ocr/4.00/tessdata",
        "/usr/share/tessdata",
        "/usr/local/share/tessdata",
        "/opt/homebrew/share/tessdata",
    ]

    public static func locate(explicit: String? = nil,
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TessdataDirectory {
        var candidates: [String] = []
        if let explicit {
            // A configured folder is used or refused, never silently replaced by another.
            guard FileManager.default.fileExists(atPath: (explicit as NSString).appendingPathComponent("eng.traineddata"))
                    || FileManager.default.fileExists(atPath: (explicit as NSString).appendingPathComponent("osd.traineddata")) else {
                throw LoreError(.ocrEngineUnavailable, "\(explicit) holds no Tesseract models (eng.traineddata or osd.traineddata)")
            }
            return TessdataDirectory(path: explicit)
        }
        if let prefix = environment["TESSDATA_PREFIX"], !prefix.isEmpty {
            candidates += [prefix, (prefix as NSString).appendingPathComponent("tessdata")]
        }
        candidates += commonLocations
        for candidate in candidates where FileManager.default.fileExists(atPath: (candidate as NSString).appendingPathComponent("eng.traineddata"))
            || FileManager.default.fileExists(atPath: (candidate as NSString).appendingPathComponent("osd.traineddata")) {
            return TessdataDirectory(path: candidate)
        }
        throw LoreError(.ocrEngineUnavailable, "no Tesseract data folder found (install tesseract-ocr-eng with scripts/setup, or set TESSDATA_PREFIX)")
    }

    /// Languages with a model in the folder, sorted (`osd` excluded: it detects, it does not read).
    public var installedLanguages: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return files.filter { $0.hasSuffix(".traineddata") }
            .map { String($0.dropLast(".traineddata".count)) }
            .filter { $0 != "osd" }
            .sorted()
    }

    public func hasModel(_ language: String) -> Bool {
        FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("\(language).traineddata"))
    }

    /// Checks a `+`-joined language list such as `eng+deu` and returns it normalised.
    public func validate(languages: String) throws -> String {
        let codes = languages.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        guard !codes.isEmpty, codes.count <= 8 else {
            throw LoreError(.ocrLanguageUnavailable, "give between one and eight languages joined with '+', for example eng+deu")
        }
        var seen = Set<String>()
        var ordered: [String] = []
        for code in codes {
            // Tesseract codes: "eng", "chi_sim", "script/Latin"; nothing that could leave the folder.
            let valid = !code.isEmpty && code.count <= 32 && !code.contains("..")
                && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "/") }
                && !code.hasPrefix("/")
            guard valid else { throw LoreError(.ocrLanguageUnavailable, "'\(code)' is not a Tesseract language code") }
            guard code != "osd" else { throw LoreError(.ocrLanguageUnavailable, "'osd' detects orientation; it cannot read text") }
            guard hasModel(code) else {
                throw LoreError(.ocrLanguageUnavailable,
                    "no Tesseract model for '\(code)' (installed: \(installedLanguages.joined(separator: ", ")))",
                    details: ["language": code])
            }
            if seen.insert(code).inserted { ordered.append(code) }
        }
        return ordered.joined(separator: "+")
    }
}
