import Foundation

/// Reads how long a provider asks to wait: `retry-after-ms` (OpenAI's, milliseconds) first,
/// then `Retry-After` as delta-seconds or an HTTP date.
enum RetryAfter {
    static func parse(milliseconds: String?, value: String?, now: Date = Date()) -> Duration? {
        if let milliseconds, let number = Double(milliseconds.trimmingCharacters(in: .whitespaces)),
           number.isFinite, number >= 0 {
            return .milliseconds(Int64(number.rounded(.up)))
        }
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds.isFinite, seconds >= 0 {
            return .milliseconds(Int64((seconds * 1000).rounded(.up)))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSince(now)) * 1000))
    }
}
