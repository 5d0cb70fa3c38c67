import Foundation

/// A `multipart/form-data` body (RFC 7578) with text fields and one or more files.
struct MultipartFormData {
    let boundary: String
    private(set) var bytes: [UInt8] = []

    init(boundary: String = "lore-\(UUID().uuidString)") {
        self.boundary = boundary
    }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    mutating func addField(_ name: String, _ value: String) {
        appendLine("--\(boundary)")
        appendLine("Content-Disposition: form-data; name=\"\(Self.quoted(name))\"")
        appendLine("")
        bytes.append(contentsOf: Array(value.utf8))
        appendLine("")
    }

    mutating func addFile(_ name: String, filename: String, contentType: String, data: [UInt8]) {
        appendLine("--\(boundary)")
        appendLine("Content-Disposition: form-data; name=\"\(Self.quoted(name))\"; filename=\"\(Self.quoted(filename))\"")
        appendLine("Content-Type: \(contentType)")
        appendLine("")
        bytes.append(contentsOf: data)
        appendLine("")
    }

    /// The body with its closing boundary.
    func finished() -> [UInt8] {
        bytes + Array("--\(boundary)--\r\n".utf8)
    }

    private mutating func appendLine(_ line: String) {
        bytes.append(contentsOf: Array(line.utf8))
        bytes.append(contentsOf: [13, 10])
    }

    /// Names and file names are ours, but escape quotes and line breaks anyway.
    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "%22")
            .replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }
}
