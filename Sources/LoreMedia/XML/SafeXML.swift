import LoreCore

/// How much an XML part may cost to parse, and whether a document type declaration is tolerated.
public struct XMLParseOptions: Sendable {
    /// When false (the default) any `<!DOCTYPE` is `xml_dtd_forbidden`. When true, a DOCTYPE
    /// without an internal subset is skipped unread (never fetched): for poppler's XHTML
    /// output, which names the XHTML DTD. An internal subset (`[ … ]`, where entities are
    /// declared) is refused either way.
    public var skipsExternalDoctype: Bool
    public var maxDepth: Int
    public var maxElements: Int

    public init(skipsExternalDoctype: Bool = false, maxDepth: Int = 256, maxElements: Int = 4_000_000) {
        self.skipsExternalDoctype = skipsExternalDoctype
        self.maxDepth = maxDepth
        self.maxElements = maxElements
    }
}

/// A small XML parser for untrusted documents. It has no DTD support at all: a document type
/// declaration is refused (`xml_dtd_forbidden`), so no entity can be declared, expanded
/// (billion laughs) or resolved from a file or URL (XXE). Only the five predefined entities and
/// numeric character references are decoded; any other `&name;` is an error. UTF-8, UTF-16
/// (BOM or `<?` pattern) and Latin-1/Windows-1252 declarations are read.
public enum SafeXML {
    /// Parses `bytes` into the root element. `part` names the input in error messages.
    public static func parse(_ bytes: [UInt8], part: String, options: XMLParseOptions = XMLParseOptions()) throws -> XMLElement {
        let utf8 = try XMLEncoding.utf8(bytes, part: part)
        var parser = XMLTreeBuilder(bytes: utf8, part: part, options: options)
        return try parser.run()
    }
}

/// Turns the input into UTF-8 as its BOM or declaration says.
enum XMLEncoding {
    static func utf8(_ bytes: [UInt8], part: String) throws -> [UInt8] {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes.dropFirst(3)) }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            throw LoreError(.documentCorrupt, "\(part): UTF-32 XML is not supported")
        }
        if bytes.starts(with: [0xFE, 0xFF]) { return TextDecoding.utf16(bytes.dropFirst(2), bigEndian: true) }
        if bytes.starts(with: [0xFF, 0xFE]) { return TextDecoding.utf16(bytes.dropFirst(2), bigEndian: false) }
        if bytes.starts(with: [0x00, 0x3C, 0x00, 0x3F]) { return TextDecoding.utf16(bytes[...], bigEndian: true) }
        if bytes.starts(with: [0x3C, 0x00, 0x3F, 0x00]) { return TextDecoding.utf16(bytes[...], bigEndian: false) }
        guard let declared = declaredEncoding(bytes) else { return bytes }
        switch declared {
        case "utf-8", "utf8", "us-ascii", "ascii":
            return bytes
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "iso-8859-15", "windows-1252", "cp1252":
            return TextDecoding.windows1252(bytes[...])
        default:
            throw LoreError(.documentCorrupt, "\(part): XML encoding \(declared.prefix(40)) is not supported")
        }
    }

    /// The `encoding` pseudo-attribute of an `<?xml …?>` declaration, lower-cased.
    private static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        guard bytes.starts(with: Array("<?xml".utf8)) else { return nil }
        let head = bytes.prefix(256)
        guard let end = head.firstRange(of: Array("?>".utf8))?.lowerBound else { return nil }
        let declaration = String(decoding: head[..<end], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return value.lowercased()
    }
}

/// Builds the element tree from UTF-8 bytes.
struct XMLTreeBuilder {
    let bytes: [UInt8]
    let part: String
    let options: XMLParseOptions
    private var position = 0
    private var stack: [XMLElement] = []
    private var root: XMLElement?
    private var text: [UInt8] = []
    private var elementCount = 0

    init(bytes: [UInt8], part: String, options: XMLParseOptions) {
        self.bytes = bytes
        self.part = part
        self.options = options
    }

    mutating func run() throws -> XMLElement {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "<") {
                if matches("<![CDATA[") {
                    try readCDATA()
                    continue
                }
                flushText()
                if matches("<?") {
                    try skip(past: "?>", what: "processing instruction")
                } else if matches("<!--") {
                    try skip(past: "-->", what: "comment")
                } else if matchesCaseInsensitive("<!DOCTYPE") {
                    try readDoctype()
                } else if matches("<!") {
                    // <!ENTITY, <!ELEMENT, <!ATTLIST outside a DTD: declarations we never honour.
                    throw LoreError(.xmlDTDForbidden, "\(part): markup declarations are not allowed")
                } else if matches("</") {
                    try readEndTag()
                } else {
                    try readStartTag()
                }
            } else if byte == UInt8(ascii: "&") {
                text += try readReference()
            } else {
                text.append(byte)
                position += 1
            }
        }
        flushText()
        guard stack.isEmpty else { throw corrupt("the document ends inside <\(stack.last!.name)>") }
        guard let root else { throw corrupt("no root element") }
        return root
    }

    // MARK: Markup

    private mutating func readStartTag() throws {
        position += 1
        let name = try readName()
        var attributes: [XMLAttribute] = []
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw corrupt("unterminated tag <\(name)") }
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") {
                position += 1
                try open(XMLElement(name: name, attributes: attributes))
                return
            }
            if byte == UInt8(ascii: "/") {
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else { throw corrupt("bad tag <\(name)") }
                position += 2
                try open(XMLElement(name: name, attributes: attributes))
                try close(name)
                return
            }
            let key = try readName()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { throw corrupt("attribute \(key) has no value") }
            position += 1
            skipWhitespace()
            attributes.append(XMLAttribute(name: key, value: try readAttributeValue()))
        }
    }

    private mutating func readEndTag() throws {
        position += 2
        let name = try readName()
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else { throw corrupt("bad end tag </\(name)") }
        position += 1
        try close(name)
    }

    private mutating func open(_ element: XMLElement) throws {
        guard root == nil else { throw corrupt("content after the root element") }
        elementCount += 1
        guard elementCount <= options.maxElements else {
            throw LoreError(.documentTooLarge, "\(part) has more than \(options.maxElements) elements")
        }
        guard stack.count < options.maxDepth else { throw corrupt("elements nested deeper than \(options.maxDepth)") }
        stack.append(element)
    }

    private mutating func close(_ name: String) throws {
        guard let element = stack.popLast() else { throw corrupt("</\(name)> closes nothing") }
        guard element.name == name else { throw corrupt("</\(name)> closes <\(element.name)>") }
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(.element(element))
        }
    }

    private mutating func readDoctype() throws {
        guard options.skipsExternalDoctype else {
            throw LoreError(.xmlDTDForbidden, "\(part) has a document type declaration (DTD); DTDs are not allowed")
        }
        position += 9
        var quote: UInt8?
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                throw LoreError(.xmlDTDForbidden, "\(part) has an internal DTD subset; DTDs are not allowed")
            } else if byte == UInt8(ascii: ">") {
                return
            }
        }
        throw corrupt("unterminated DOCTYPE")
    }

    private mutating func readCDATA() throws {
        position += 9
        guard let end = find("]]>") else { throw corrupt("unterminated CDATA section") }
        guard !stack.isEmpty else { throw corrupt("CDATA outside the root element") }
        text.append(contentsOf: bytes[position..<end])
        position = end + 3
    }

    private mutating func flushText() {
        guard !text.isEmpty else { return }
        defer { text.removeAll(keepingCapacity: true) }
        guard !stack.isEmpty else { return } // whitespace between prolog items; content is checked below
        stack[stack.count - 1].children.append(.text(String(decoding: text, as: UTF8.self)))
    }

    // MARK: Tokens

    private mutating func readName() throws -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "<")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { break }
            position += 1
        }
        guard position > start else { throw corrupt("expected a name at byte \(start)") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func readAttributeValue() throws -> String {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
            throw corrupt("unquoted attribute value at byte \(position)")
        }
        let quote = bytes[position]
        position += 1
        var value: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote {
                position += 1
                return String(decoding: value, as: UTF8.self)
            }
            if byte == UInt8(ascii: "<") { throw corrupt("'<' in an attribute value") }
            if byte == UInt8(ascii: "&") {
                value += try readReference()
                continue
            }
            // Attribute-value normalisation: line breaks and tabs become spaces.
            value.append(byte == 0x09 || byte == 0x0A || byte == 0x0D ? 0x20 : byte)
            position += 1
        }
        throw corrupt("unterminated attribute value")
    }

    /// Decodes `&…;` at `position`: the predefined entities and character references only.
    private mutating func readReference() throws -> [UInt8] {
        var output: [UInt8] = []
        let start = position + 1
        var end = start
        while end < bytes.count, end - start < 12, bytes[end] != UInt8(ascii: ";") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else { throw corrupt("a bare '&' at byte \(position)") }
        let name = String(decoding: bytes[start..<end], as: UTF8.self)
        position = end + 1
        switch name {
        case "lt": output.append(UInt8(ascii: "<"))
        case "gt": output.append(UInt8(ascii: ">"))
        case "amp": output.append(UInt8(ascii: "&"))
        case "quot": output.append(UInt8(ascii: "\""))
        case "apos": output.append(UInt8(ascii: "'"))
        default:
            guard name.hasPrefix("#") else {
                // Only a DTD could declare it, and DTDs are refused: never resolved.
                throw corrupt("undefined entity &\(name.prefix(12));")
            }
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            let scalar = value.flatMap(Unicode.Scalar.init) ?? "\u{FFFD}"
            output.append(contentsOf: Array(String(Character(scalar == "\0" ? "\u{FFFD}" : scalar)).utf8))
        }
        return output
    }

    // MARK: Scanning

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private mutating func skip(past terminator: String, what: String) throws {
        guard let end = find(terminator) else { throw corrupt("unterminated \(what)") }
        position = end + terminator.utf8.count
    }

    private func find(_ terminator: String) -> Int? {
        let needle = Array(terminator.utf8)
        var index = position
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private func matches(_ literal: String) -> Bool {
        let needle = Array(literal.utf8)
        return position + needle.count <= bytes.count && bytes[position..<(position + needle.count)].elementsEqual(needle)
    }

    private func matchesCaseInsensitive(_ literal: String) -> Bool {
        let needle = Array(literal.uppercased().utf8)
        guard position + needle.count <= bytes.count else { return false }
        return zip(bytes[position..<(position + needle.count)], needle).allSatisfy { a, b in
            (a >= 0x61 && a <= 0x7A ? a - 0x20 : a) == b
        }
    }

    private func corrupt(_ message: String) -> LoreError {
        LoreError(.documentCorrupt, "\(part): malformed XML: \(message)")
    }
}
