import Foundation
import LoreCore
import LoreSystem

/// Picks a video's key frames in one hardened ffmpeg decoding pass per chunk: periodic samples
/// at the adaptive rate plus scene cuts, each written at analysis size (PNG) and as a thumbnail
/// (JPEG); then drops frames whose thumbnails hash near-identical to the last frame kept.
///
/// Full-size frames live in a private temporary folder only while `handleChunk` runs (OCR reads
/// them there); the folder is removed afterwards, also on errors and cancellation.
public struct KeyFrameExtractor: Sendable {
    public var options: KeyFrameOptions
    public var policy: MediaContainerPolicy
    public var hasher: any ImageHasher

    public init(hasher: any ImageHasher, options: KeyFrameOptions = KeyFrameOptions(),
                policy: MediaContainerPolicy = MediaContainerPolicy()) {
        self.hasher = hasher
        self.options = options
        self.policy = policy
    }

    /// What one chunk's handler receives: the frames kept in it, with their images on disk.
    public typealias ChunkHandler = @Sendable ([ExtractedFrame]) async throws -> Void

    /// The key frames of `probe`'s primary video stream, in time order.
    /// - Parameters:
    ///   - progress: called after each chunk with (seconds of video done, total seconds).
    ///   - handleChunk: called with each chunk's kept frames while their images exist.
    public func extract(fileAt path: String, probe: MediaProbeResult,
                        progress: (@Sendable (Double, Double) -> Void)? = nil,
                        handleChunk: ChunkHandler? = nil) async throws -> [KeyFrame] {
        guard let video = probe.primaryVideo else {
            throw LoreError(.mediaNoVideoStream, "\((path as NSString).lastPathComponent) has no video stream")
        }
        let knownDuration = probe.duration.flatMap { $0 > 0 ? $0 : nil }
        let total = min(knownDuration ?? policy.maxDuration, policy.maxDuration)
        let interval = options.effectiveInterval(forDuration: total)
        let chunkLength = max(options.chunkDuration, interval)
        let cutsPerChunk = max(1, min(Int(chunkLength / options.secondsPerCutBudget),
                                      Int(Double(options.maxFrames / 2) * chunkLength / max(total, chunkLength))))
        let selection = FrameSelection(interval: interval, sceneThreshold: options.sceneThreshold,
                                       minimumCutSpacing: options.minimumCutSpacing, maxCuts: cutsPerChunk)
        func decode(from start: Double) async throws -> Chunk {
            let length = min(chunkLength, total - start)
            return try await decodeChunk(path: path, probe: probe, stream: video.index, start: start, length: length,
                                         isLast: start + length >= total, selection: selection)
        }

        var filter = NearIdenticalFilter(rule: options.nearIdentical, maxDropRun: options.maxDropRun)
        var kept: [KeyFrame] = []
        var current: Chunk? = try await decode(from: 0)
        while let chunk = current {
            // The next chunk decodes while this one is hashed and handled (OCR): ffmpeg's filters
            // and encoders run mostly on one core, OCR on the others.
            let next = chunk.start + chunk.length
            // Unknown duration: stop at the first chunk past the end of the stream.
            let hasNext = next < total && (knownDuration != nil || !chunk.frames.isEmpty)
            async let upcoming: Chunk? = hasNext ? decode(from: next) : nil
            var extracted: [ExtractedFrame] = []
            for candidate in chunk.frames where kept.count < options.maxFrames {
                let hashes = try hasher.hashes(of: EncodedImage(bytes: candidate.thumbnail))
                guard filter.keeps(hashes, at: candidate.time) else { continue }
                let frame = KeyFrame(
                    time: candidate.time, isSceneCut: candidate.sceneScore > options.sceneThreshold,
                    sceneScore: candidate.sceneScore, hashes: hashes, thumbnailJPEG: candidate.thumbnail,
                    thumbnailWidth: candidate.thumbnailSize.width, thumbnailHeight: candidate.thumbnailSize.height,
                    width: candidate.frameSize.width, height: candidate.frameSize.height)
                extracted.append(ExtractedFrame(index: kept.count, keyFrame: frame, imagePath: candidate.imagePath))
                kept.append(frame)
            }
            if let handleChunk, !extracted.isEmpty { try await handleChunk(extracted) }
            progress?(min(total, next), total)
            // Leaving the loop cancels a chunk still decoding; a decoded one's folder goes with it.
            if kept.count >= options.maxFrames { break }
            current = try await upcoming
        }
        return kept
    }

    // MARK: - One ffmpeg pass

    private struct Candidate: Sendable {
        var time: Double
        var sceneScore: Double
        var imagePath: String
        var thumbnail: [UInt8]
        var thumbnailSize: (width: Int, height: Int)
        var frameSize: (width: Int, height: Int)
    }

    private struct Chunk: Sendable {
        var folder: ChunkFolder
        var start: Double
        var length: Double
        var frames: [Candidate]
    }

    private func decodeChunk(path: String, probe: MediaProbeResult, stream: Int, start: Double, length: Double,
                             isLast: Bool, selection: FrameSelection) async throws -> Chunk {
        let name = (path as NSString).lastPathComponent
        let folder = ChunkFolder(path: try Self.makePrivateFolder(in: options.workDirectory))
        let log = folder.path + "/picked.txt"
        let side = options.maxFrameSide, thumb = options.thumbnailMaxSide
        let graph = "[0:\(stream)]select='\(selection.expression)',metadata=mode=print:file='\(log)',"
            + "scale=w='min(iw,\(side))':h='min(ih,\(side))':force_original_aspect_ratio=decrease:flags=area,"
            + "format=rgb24,split=2[full][small];"
            + "[small]scale=w='min(iw,\(thumb))':h='min(ih,\(thumb))':force_original_aspect_ratio=decrease:flags=area,"
            + "format=yuvj420p[thumb]"
        var beforeInput: [String] = options.skipsNonReferenceFrames ? ["-skip_frame", "noref"] : []
        if start > 0 { beforeInput += ["-ss", String(format: "%.3f", start)] }
        // The last chunk reads to the end, so frames past a slightly short declared duration are kept.
        if !isLast { beforeInput += ["-t", String(format: "%.3f", length)] }
        let input = HardenedInput(path: path, policy: policy, demuxer: probe.demuxer)
        let arguments = HardenedInput.ffmpegPrefix + input.arguments(beforeInput: beforeInput) + [
            "-an", "-sn", "-dn", "-filter_complex", graph,
            "-map", "[full]", "-fps_mode", "passthrough", "-c:v", "png", "-compression_level", "1",
            "-f", "image2", folder.path + "/f%06d.png",
            "-map", "[thumb]", "-fps_mode", "passthrough", "-c:v", "mjpeg", "-q:v", String(options.thumbnailQuality),
            "-f", "image2", folder.path + "/t%06d.jpg",
        ]
        let seconds = 60 + options.decodeTimeFactor * length
        let limits = ProcessLimits(
            wallClock: .milliseconds(Int(seconds * 1000)),
            cpuSeconds: Int(seconds) * max(1, ProcessInfo.processInfo.activeProcessorCount),
            addressSpaceBytes: 4 << 30, maxOutputBytes: 1 << 20)
        let output = try await ProcessRunner.run("ffmpeg", arguments, limits: limits)
        let picked = FrameSelection.parse(log: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
        let frames = try candidates(in: folder.path, picked: picked, offset: start)
        // A truncated file decodes with errors up to where it breaks: keep what was read.
        if !output.succeeded && frames.isEmpty {
            let reason = output.standardError.split(separator: "\n").last.map(String.init) ?? "ffmpeg failed"
            throw LoreError(.mediaDecodeFailed, "cannot decode the video of \(name): \(reason)",
                            diagnostic: String(output.standardError.suffix(2000)))
        }
        return Chunk(folder: folder, start: start, length: length, frames: frames)
    }

    /// Pairs the picked-frame log with the files ffmpeg wrote (both in output order).
    private func candidates(in folder: String, picked: [FrameSelection.Picked], offset: Double) throws -> [Candidate] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let images = names.filter { $0.hasPrefix("f") && $0.hasSuffix(".png") }.sorted()
        let thumbnails = names.filter { $0.hasPrefix("t") && $0.hasSuffix(".jpg") }.sorted()
        let count = min(picked.count, images.count, thumbnails.count)
        var result: [Candidate] = []
        var previousTime = offset
        for index in 0..<count {
            let imagePath = folder + "/" + images[index]
            guard let thumbnail = FileManager.default.contents(atPath: folder + "/" + thumbnails[index]).map([UInt8].init),
                  let thumbnailSize = EncodedImageSize.jpeg(thumbnail),
                  let header = FileHandle(forReadingAtPath: imagePath).map({ handle in
                      defer { try? handle.close() }
                      return [UInt8](handle.readData(ofLength: 32))
                  }),
                  let frameSize = EncodedImageSize.png(header) else { continue }
            let time = picked[index].time.isFinite ? offset + picked[index].time : previousTime
            previousTime = time
            result.append(Candidate(time: max(0, time), sceneScore: picked[index].sceneScore, imagePath: imagePath,
                                    thumbnail: thumbnail, thumbnailSize: thumbnailSize, frameSize: frameSize))
        }
        return result
    }

    /// A new folder only this user can read, in `parent` or the temporary directory (or /tmp
    /// when that path has characters ffmpeg's filter syntax would need escaped).
    static func makePrivateFolder(in parent: String?) throws -> String {
        let base = parent ?? FileManager.default.temporaryDirectory.path
        let plain = base.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "/._-".unicodeScalars.contains($0)) }
        let folder = (plain ? base : "/tmp") + "/lore-frames-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        return folder
    }
}

/// A chunk's private folder of frames, removed when the last reference to it goes: after its
/// frames are handled, and also when a decoded chunk is dropped by an error or cancellation.
final class ChunkFolder: Sendable {
    let path: String
    init(path: String) { self.path = path }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}
