import Foundation

/// The Hungarian algorithm (Kuhn–Munkres with potentials, O(n³)) for one-to-one assignments.
enum OptimalAssignment {
    /// For each row of `weights` (rows × columns), the column assigned to it so that the total
    /// weight is largest, or −1 when the row is left unassigned (more rows than columns).
    static func maximizing(_ weights: [[Double]]) -> [Int] {
        let rows = weights.count
        let columns = weights.first?.count ?? 0
        guard rows > 0, columns > 0 else { return [Int](repeating: -1, count: rows) }
        let size = max(rows, columns)
        let largest = weights.flatMap { $0 }.max() ?? 0
        // Square cost matrix, 1-based as in the classic formulation; padding costs `largest`.
        var cost = [[Double]](repeating: [Double](repeating: 0, count: size + 1), count: size + 1)
        for i in 1...size {
            for j in 1...size {
                cost[i][j] = i <= rows && j <= columns ? largest - weights[i - 1][j - 1] : largest
            }
        }
        var u = [Double](repeating: 0, count: size + 1), v = [Double](repeating: 0, count: size + 1)
        var match = [Int](repeating: 0, count: size + 1)  // column → row
        var way = [Int](repeating: 0, count: size + 1)
        for i in 1...size {
            match[0] = i
            var column = 0
            var minimum = [Double](repeating: .infinity, count: size + 1)
            var used = [Bool](repeating: false, count: size + 1)
            repeat {
                used[column] = true
                let row = match[column]
                var delta = Double.infinity
                var next = 0
                for j in 1...size where !used[j] {
                    let reduced = cost[row][j] - u[row] - v[j]
                    if reduced < minimum[j] { minimum[j] = reduced; way[j] = column }
                    if minimum[j] < delta { delta = minimum[j]; next = j }
                }
                for j in 0...size {
                    if used[j] { u[match[j]] += delta; v[j] -= delta } else { minimum[j] -= delta }
                }
                column = next
            } while match[column] != 0
            repeat {
                let previous = way[column]
                match[column] = match[previous]
                column = previous
            } while column != 0
        }
        var assignment = [Int](repeating: -1, count: rows)
        for j in 1...size where match[j] >= 1 && match[j] <= rows && j <= columns {
            assignment[match[j] - 1] = j - 1
        }
        return assignment
    }
}
