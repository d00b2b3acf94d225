import Foundation
import IMAPClient

/// Every file a command is given, checked before anything starts, with the flag (or profile key)
/// and the path in the message: a wrong --ca-file used to show only when sessions connected.
enum InputFileCheck {
    /// `path` must be a file this process can read.
    static func readable(_ path: String, named name: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError("\(name) \(path): no such file")
        }
        if isDirectory.boolValue { throw CLIError("\(name) \(path): is a directory, not a file") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw CLIError("\(name) \(path): cannot be read")
        }
    }

    /// `path` must be a readable PEM certificate file.
    static func certificate(_ path: String, named name: String) throws {
        try readable(path, named: name)
        do {
            try CertificateFileCheck.check(caFile: path)
        } catch {
            throw CLIError("\(name) \(error)")
        }
    }

    /// `path` must be creatable or writable: not a directory, in a directory that exists and
    /// takes new files.
    static func writable(_ path: String, named name: String) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw CLIError("\(name) \(path): is a directory, not a file") }
            guard manager.isWritableFile(atPath: path) else { throw CLIError("\(name) \(path): cannot be written") }
            return
        }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard manager.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("\(name) \(path): the directory \(parent) does not exist")
        }
        guard manager.isWritableFile(atPath: parent) else {
            throw CLIError("\(name) \(path): \(parent) is not writable")
        }
    }
}
