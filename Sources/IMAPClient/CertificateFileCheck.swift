import Foundation
import NIOSSL

/// Checks a CA file the way connecting will read it, so that a wrong path or a file that is not
/// PEM is reported before a run starts rather than by every session's TLS handshake.
public enum CertificateFileCheck {
    /// Throws a sentence naming `path` when it holds no PEM certificate.
    public static func check(caFile path: String) throws {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw CertificateFileError(path: path, reason: "not a readable PEM certificate file (\(error))")
        }
        if certificates.isEmpty { throw CertificateFileError(path: path, reason: "holds no PEM certificate") }
    }
}

/// A CA file that cannot serve as one.
public struct CertificateFileError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
