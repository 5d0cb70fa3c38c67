import Foundation

/// Just enough of `multipart/form-data` for the simulator: part names, file flags and bodies.
enum MultipartParser {
    struct Part {
        var name: String
        var filename: String?
        var body: [UInt8]
    }

    static func boundary(fromContentType contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    static func parts(of body: [UInt8], boundary: String) -> [Part]? {
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [Part] = []
        guard var cursor = find(delimiter, in: body, from: 0) else { return nil }
        while true {
            cursor += delimiter.count
            if body[cursor...].starts(with: Array("--".utf8)) { return parts }
            guard body[cursor...].starts(with: [13, 10]) else { return nil }
            cursor += 2
            guard let headerEnd = find([13, 10, 13, 10], in: body, from: cursor),
                  let next = find([13, 10] + delimiter, in: body, from: headerEnd + 4) else { return nil }
            let headers = String(decoding: body[cursor..<headerEnd], as: UTF8.self)
            guard let name = attribute("name", in: headers) else { return nil }
            parts.append(Part(name: name, filename: attribute("filename", in: headers), body: Array(body[(headerEnd + 4)..<next])))
            cursor = next + 2
        }
    }

    private static func attribute(_ key: String, in headers: String) -> String? {
        for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            for piece in line.split(separator: ";") {
                let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, pair[0] == key { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            }
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
