import Foundation

/// Makes a self-signed certificate for `localhost` / 127.0.0.1 with the `openssl` command-line
/// tool, so TLS works on a fresh machine without any files to provide.
enum CertificateGenerator {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Paths of the PEM certificate (usable as a CA file) and key in a new temporary directory.
    static func generate() throws -> (certificate: String, key: String) {
        guard let openssl = findExecutable("openssl") else {
            throw Failure(
                description: "TLS is off: the openssl command was not found in PATH, so no certificate could be made")
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent(
                "imapbench-tls-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", certificate,
        ]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "TLS is off: openssl failed: \(String(decoding: message, as: UTF8.self))")
        }
        return (certificate, key)
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin:/usr/local/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
