/// Who the current work is for (an organisation id), so that remote providers can record their
/// token and audio usage against that organisation for cost accounting. Set around pipeline
/// stages and search queries: `try await UsageAttribution.$organization.withValue(org.description) { … }`.
public enum UsageAttribution {
    @TaskLocal public static var organization: String?
}
