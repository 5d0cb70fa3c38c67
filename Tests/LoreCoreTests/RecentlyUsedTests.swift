import Testing
import LoreCore

/// The bounded LRU map behind the query-embedding cache and the remembered search setups.
@Suite struct RecentlyUsedTests {
    @Test func aNewKeyPastCapacityEvictsTheLeastRecentlyUsedTenth() {
        let map = RecentlyUsed<Int, String>(capacity: 20)
        for key in 0..<20 { map.set("v\(key)", for: key) }
        // Reading 0 and 1 makes them recent: the two oldest are now 2 and 3.
        #expect(map[0] == "v0" && map[1] == "v1")
        map.set("v20", for: 20)
        #expect(map[2] == nil && map[3] == nil, "the least recently used tenth (2 of 20) went")
        #expect(map[0] == "v0" && map[1] == "v1" && map[4] == "v4" && map[20] == "v20")
    }

    @Test func replacingAKeyEvictsNothing() {
        let map = RecentlyUsed<String, Int>(capacity: 3)
        for (index, key) in ["a", "b", "c"].enumerated() { map.set(index, for: key) }
        map.set(10, for: "a")
        #expect(map["b"] == 1 && map["c"] == 2 && map["a"] == 10, "read in this order: b is now the least recently used")
        map.set(3, for: "d")
        #expect(map["b"] == nil, "b went")
        #expect(map["a"] == 10 && map["c"] == 2 && map["d"] == 3)
    }

    @Test func aCapacityBelowOneHoldsOneEntry() {
        let map = RecentlyUsed<Int, Int>(capacity: 0)
        map.set(1, for: 1)
        map.set(2, for: 2)
        #expect(map.capacity == 1 && map[1] == nil && map[2] == 2)
    }
}
