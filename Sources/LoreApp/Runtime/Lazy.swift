import Foundation

/// A value made on first use (model loading), once; a failed load is retried on the next use.
public final class Lazy<Value: Sendable>: @unchecked Sendable {
    private let make: @Sendable () throws -> Value
    private let lock = NSLock()
    private var value: Value?

    public init(_ make: @escaping @Sendable () throws -> Value) { self.make = make }

    public func get() throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let made = try make()
        value = made
        return made
    }
}
