import Foundation
import Yams

/// Finds, reads and checks profiles: files, YAML text, and the built-ins bundled with the tool.
public enum ProfileLoader {
    /// Loads a profile file. Relative `users.file`, `users.password_file` and `populate.mbox`
    /// paths are taken relative to the profile's folder, so a profile travels with its files.
    public static func load(path: String) throws(ProfileError) -> Profile {
        var profile = try load(yaml: try read(path), source: path)
        profile.resolveRelativePaths(against: (path as NSString).deletingLastPathComponent)
        return profile
    }

    /// Parses and checks profile text; `source` names it in errors.
    public static func load(yaml: String, source: String) throws(ProfileError) -> Profile {
        try decode(try compose(yaml, source: source), source: source, collector: nil)
    }

    /// Every problem of a profile file in one pass, for `validate`; see `ProfileCheck`.
    public static func check(path: String) -> ProfileCheck {
        do throws(ProfileError) {
            var check = check(yaml: try read(path), source: path)
            check.profile?.resolveRelativePaths(against: (path as NSString).deletingLastPathComponent)
            return check
        } catch {
            return ProfileCheck(source: path, profile: nil, errors: [error], thresholdMarks: [])
        }
    }

    /// Every problem of profile text in one pass; `source` names it in errors.
    public static func check(yaml: String, source: String) -> ProfileCheck {
        let root: Node
        do throws(ProfileError) {
            root = try compose(yaml, source: source)
        } catch {
            return ProfileCheck(source: source, profile: nil, errors: [error], thresholdMarks: [])
        }
        let collector = ProfileErrorCollector()
        var profile: Profile?
        do throws(ProfileError) {
            profile = try decode(root, source: source, collector: collector)
        } catch {
            collector.record(error)
        }
        let marks = root["thresholds"]?.sequence?.map { ($0.mark?.line ?? 0, $0.mark?.column ?? 0) } ?? []
        return ProfileCheck(source: source, profile: profile, errors: collector.errors, thresholdMarks: marks)
    }

    private static func read(_ path: String) throws(ProfileError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ProfileError(
                file: path, line: 0, column: 0, message: "cannot read the file (\(error.localizedDescription))")
        }
    }

    private static func compose(_ yaml: String, source: String) throws(ProfileError) -> Node {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw syntaxError(error, source: source)
        } catch {
            throw ProfileError(file: source, line: 0, column: 0, message: "\(error)")
        }
        guard let root else {
            throw ProfileError(
                file: source, line: 1, column: 1, message: "the profile is empty; it needs at least 'operations'")
        }
        return root
    }

    private static func decode(
        _ root: Node, source: String, collector: ProfileErrorCollector?
    ) throws(ProfileError) -> Profile {
        do {
            return try Profile(from: NodeDecoder(node: root, source: source, collector: collector))
        } catch let error as ProfileError {
            throw error
        } catch {
            throw ProfileError(
                file: source, line: root.mark?.line ?? 0, column: root.mark?.column ?? 0, message: "\(error)")
        }
    }

    /// The names of the built-in profiles, sorted.
    public static var builtinNames: [String] {
        guard let folder = builtinFolder,
            let files = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else { return [] }
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The path of a built-in profile file, for `imapbench profiles` to show.
    public static func builtinPath(named name: String) -> String? {
        guard let folder = builtinFolder else { return nil }
        let path = (folder as NSString).appendingPathComponent("\(name).yaml")
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Loads a built-in profile by name (`smoke`, `webmail`...).
    public static func builtin(named name: String) throws(ProfileError) -> Profile {
        guard let path = builtinPath(named: name) else {
            let known = builtinNames.joined(separator: ", ")
            throw ProfileError(
                file: name, line: 0, column: 0, message: "no built-in profile of that name (built-ins: \(known))")
        }
        return try load(path: path)
    }

    /// A file path when one exists there (or the text looks like a path), else a built-in name.
    public static func resolve(_ nameOrPath: String) throws(ProfileError) -> Profile {
        let looksLikePath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml")
        if looksLikePath || FileManager.default.fileExists(atPath: nameOrPath) {
            return try load(path: nameOrPath)
        }
        return try builtin(named: nameOrPath)
    }

    /// Checks files without running them; one error per file that fails, in order.
    public static func validate(paths: [String]) -> [ProfileError] {
        paths.compactMap { path -> ProfileError? in
            do throws(ProfileError) {
                _ = try load(path: path)
                return nil
            } catch {
                return error
            }
        }
    }

    private static var builtinFolder: String? {
        Bundle.module.resourceURL?.appendingPathComponent("BuiltinProfiles").path
    }

    /// Turns a Yams syntax error into a located `ProfileError`.
    private static func syntaxError(_ error: YamlError, source: String) -> ProfileError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return ProfileError(
                file: source, line: mark.line, column: mark.column, message: "YAML syntax: \(problem)\(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ProfileError(
                file: source, line: context.mark.line, column: context.mark.column,
                message: "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return ProfileError(file: source, line: 0, column: 0, message: "YAML: \(error)")
        }
    }
}

extension Profile {
    /// Rewrites relative file references so they are relative to `folder`.
    mutating func resolveRelativePaths(against folder: String) {
        guard !folder.isEmpty else { return }
        func resolved(_ path: String?) -> String? {
            guard let path, !path.hasPrefix("/") else { return path }
            return (folder as NSString).appendingPathComponent(path)
        }
        users.file = resolved(users.file)
        users.passwordFile = resolved(users.passwordFile)
        let mbox = resolved(populate?.mbox)
        populate?.mbox = mbox
    }
}
