/// Error codes raised by more than one media module. Declared here once so a file importing
/// both `LoreMedia` (validation before decoding) and `LoreInference` (decoding) sees one name.
extension ErrorCode {
    /// The file or the picture it declares is larger than the configured limits
    /// (bytes, pixels or pixels per side).
    public static let imageTooLarge = ErrorCode("image_too_large", .tooLarge)
}
