import Synchronization

/// A bounded map shared between tasks that forgets its least recently used entries first.
public final class RecentlyUsed<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var entries: [Key: (value: Value, tick: UInt64)] = [:]
        var tick: UInt64 = 0
    }

    private let state = Mutex(State())
    public let capacity: Int

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    /// The value for `key`, which now counts as the most recently used.
    public subscript(key: Key) -> Value? {
        state.withLock { state in
            guard var entry = state.entries[key] else { return nil }
            state.tick += 1
            entry.tick = state.tick
            state.entries[key] = entry
            return entry.value
        }
    }

    /// Stores `value` for `key`; a new key past the capacity first evicts the least recently
    /// used tenth at once, so eviction (a sort) is rare.
    public func set(_ value: Value, for key: Key) {
        state.withLock { state in
            if state.entries[key] == nil, state.entries.count >= capacity {
                let victims = state.entries.sorted { $0.value.tick < $1.value.tick }.prefix(max(1, capacity / 10))
                for victim in victims { state.entries.removeValue(forKey: victim.key) }
            }
            state.tick += 1
            state.entries[key] = (value, state.tick)
        }
    }
}
