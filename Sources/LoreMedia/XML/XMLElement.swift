/// An XML element: qualified name, attributes in document order, and children.
/// Namespaces are not resolved: the Office formats use fixed prefixes per vocabulary, and the
/// parsers match on local names (`w:p` → `p`) inside one vocabulary.
public struct XMLElement: Sendable, Hashable {
    public var name: String
    public var localName: String
    public var attributes: [XMLAttribute]
    public var children: [XMLNode]

    public init(name: String, attributes: [XMLAttribute] = [], children: [XMLNode] = []) {
        self.name = name
        self.localName = XMLElement.localPart(of: name)
        self.attributes = attributes
        self.children = children
    }

    static func localPart(of name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// The value of the attribute with this qualified name (`r:id`), or else this local name (`id`).
    public func attribute(_ key: String) -> String? {
        if let exact = attributes.first(where: { $0.name == key }) { return exact.value }
        guard !key.contains(":") else { return nil }
        return attributes.first(where: { XMLElement.localPart(of: $0.name) == key })?.value
    }

    /// Child elements, in order.
    public var elements: [XMLElement] {
        children.compactMap { if case .element(let element) = $0 { return element } else { return nil } }
    }

    /// Child elements with this local name.
    public func children(_ localName: String) -> [XMLElement] {
        elements.filter { $0.localName == localName }
    }

    /// The first child element with this local name.
    public func child(_ localName: String) -> XMLElement? {
        for case .element(let element) in children where element.localName == localName { return element }
        return nil
    }

    /// The first element with this local name at any depth below (depth-first, document order).
    public func firstDescendant(_ localName: String) -> XMLElement? {
        for case .element(let element) in children {
            if element.localName == localName { return element }
            if let found = element.firstDescendant(localName) { return found }
        }
        return nil
    }

    /// Every element with this local name at any depth below, in document order (not descending
    /// into matches).
    public func descendants(_ localName: String) -> [XMLElement] {
        var found: [XMLElement] = []
        collect(localName, into: &found)
        return found
    }

    private func collect(_ localName: String, into found: inout [XMLElement]) {
        for case .element(let element) in children {
            if element.localName == localName { found.append(element) } else { element.collect(localName, into: &found) }
        }
    }

    /// All text below this element, concatenated.
    public var textContent: String {
        var text = ""
        appendText(to: &text)
        return text
    }

    private func appendText(to text: inout String) {
        for child in children {
            switch child {
            case .text(let value): text += value
            case .element(let element): element.appendText(to: &text)
            }
        }
    }
}

public struct XMLAttribute: Sendable, Hashable {
    public var name: String
    public var value: String
}

public enum XMLNode: Sendable, Hashable {
    case element(XMLElement)
    case text(String)
}
