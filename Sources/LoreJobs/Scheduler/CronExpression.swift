import Foundation
import LoreCore

/// When a schedule fires, in UTC: a five-field cron expression (`minute hour day-of-month month
/// day-of-week` with `*`, lists, ranges and `/steps`), a macro (`@hourly`, `@daily`, `@weekly`,
/// `@monthly`, `@yearly`) or a fixed interval (`@every 30s`, `@every 5m`, `@every 2h`).
public struct CronExpression: Sendable, Equatable, CustomStringConvertible {
    public let description: String
    private let rule: Rule

    private enum Rule: Sendable, Equatable {
        case fields(minutes: Set<Int>, hours: Set<Int>, days: Set<Int>, months: Set<Int>, weekdays: Set<Int>,
                    anyDay: Bool, anyWeekday: Bool)
        case every(seconds: Int)
    }

    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        description = trimmed
        let macros = ["@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *",
                      "@weekly": "0 0 * * 0", "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *"]
        if trimmed.hasPrefix("@every ") {
            rule = .every(seconds: try Self.interval(String(trimmed.dropFirst(7))))
            return
        }
        let expanded = macros[trimmed] ?? trimmed
        let fields = expanded.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count == 5 else {
            throw LoreError(.invalidSchedule, "a cron expression has five fields (minute hour day month weekday) or is a macro like @daily or @every 5m")
        }
        let weekdays = try Self.field(fields[4], 0...7, name: "day of week")
        rule = .fields(minutes: try Self.field(fields[0], 0...59, name: "minute"),
                       hours: try Self.field(fields[1], 0...23, name: "hour"),
                       days: try Self.field(fields[2], 1...31, name: "day of month"),
                       months: try Self.field(fields[3], 1...12, name: "month"),
                       weekdays: Set(weekdays.map { $0 % 7 }),
                       anyDay: fields[2] == "*", anyWeekday: fields[4] == "*")
    }

    /// The first firing time strictly after `date`.
    public func next(after date: Date) -> Date {
        switch rule {
        case .every(let seconds):
            // Aligned to multiples of the interval since the epoch, so every process agrees.
            let t = date.timeIntervalSince1970
            return Date(timeIntervalSince1970: (floor(t / Double(seconds)) + 1) * Double(seconds))
        case let .fields(minutes, hours, days, months, weekdays, anyDay, anyWeekday):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            // The next whole minute (UTC minutes are aligned to the epoch).
            let start = Date(timeIntervalSince1970: (floor(date.timeIntervalSince1970 / 60) + 1) * 60)
            var parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: start)
            // Each step jumps to the next candidate of the coarsest field that does not match;
            // eight years always contain a match of any valid expression.
            for _ in 0..<100_000 {
                guard let candidate = calendar.date(from: parts) else { break }
                let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: candidate)
                let (month, day, hour, minute, weekday) = (c.month!, c.day!, c.hour!, c.minute!, c.weekday! - 1)
                if !months.contains(month) {
                    parts = DateComponents(year: c.year!, month: month + 1, day: 1, hour: 0, minute: 0)
                    continue
                }
                let dayMatches: Bool
                if anyDay && anyWeekday { dayMatches = true }
                else if anyDay { dayMatches = weekdays.contains(weekday) }
                else if anyWeekday { dayMatches = days.contains(day) }
                else { dayMatches = days.contains(day) || weekdays.contains(weekday) }
                if !dayMatches {
                    parts = DateComponents(year: c.year!, month: month, day: day + 1, hour: 0, minute: 0)
                    continue
                }
                if !hours.contains(hour) {
                    parts = DateComponents(year: c.year!, month: month, day: day, hour: hour + 1, minute: 0)
                    continue
                }
                if !minutes.contains(minute) {
                    parts = DateComponents(year: c.year!, month: month, day: day, hour: hour, minute: minute + 1)
                    continue
                }
                return candidate
            }
            return date.addingTimeInterval(366 * 86_400 * 8)
        }
    }

    private static func interval(_ text: String) throws -> Int {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = text.last, let scale = units[unit], let value = Int(text.dropLast()), value > 0, value <= 366 * 86_400 / scale else {
            throw LoreError(.invalidSchedule, "@every needs a positive interval such as 30s, 5m, 2h or 1d")
        }
        return value * scale
    }

    private static func field(_ text: String, _ range: ClosedRange<Int>, name: String) throws -> Set<Int> {
        var values = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw invalid(name, text) }
            var step = 1
            if pieces.count == 2 {
                guard let s = Int(pieces[1]), s > 0 else { throw invalid(name, text) }
                step = s
            }
            let bounds: ClosedRange<Int>
            if pieces[0] == "*" {
                bounds = range
            } else if let dash = pieces[0].firstIndex(of: "-") {
                guard let low = Int(pieces[0][..<dash]), let high = Int(pieces[0][pieces[0].index(after: dash)...]), low <= high else {
                    throw invalid(name, text)
                }
                bounds = low...high
            } else {
                guard let single = Int(pieces[0]) else { throw invalid(name, text) }
                bounds = pieces.count == 2 ? single...range.upperBound : single...single
            }
            guard range.contains(bounds.lowerBound), range.contains(bounds.upperBound) else {
                throw LoreError(.invalidSchedule, "\(name) values must be within \(range.lowerBound)–\(range.upperBound): \(text)")
            }
            values.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        return values
    }

    private static func invalid(_ name: String, _ text: String) -> LoreError {
        LoreError(.invalidSchedule, "cannot read the \(name) field \"\(text)\"")
    }
}
