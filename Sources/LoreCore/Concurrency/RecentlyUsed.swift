import Synchronization

/// A bounded map shared between tasks that forgets its least recently used entries first.
public final class RecentlyUsed<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var entries: [Key: (value: Value, tick: UInt64)] = [:]
        var tick: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    private let state = Mutex(State())
    public let capacity: Int

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    public subscript(key: Key) -> Value? {
        state.withLock { state in
            state.tick += 1
            guard var entry = state.entries[key] else { state.misses += 1; return nil }
            state.hits += 1
            entry.tick = state.tick
            state.entries[key] = entry
            return entry.value
        }
    }

    public func set(_ value: Value, for key: Key) {
        state.withLock { state in
            if state.entries[key] == nil, state.entries.count >= capacity {
                // Drop the oldest tenth at once so eviction is rare.
                let victims = state.entries.sorted { $0.value.tick < $1.value.tick }.prefix(max(1, capacity / 10))
                for victim in victims { state.entries.removeValue(forKey: victim.key) }
            }
            state.tick += 1
            state.entries[key] = (value, state.tick)
        }
    }

    public var count: Int { state.withLock { $0.entries.count } }

    /// Share of look-ups that found their key.
    public var hitRate: Double {
        state.withLock { $0.hits + $0.misses == 0 ? 0 : Double($0.hits) / Double($0.hits + $0.misses) }
    }
}
